using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Assessments;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Interventions;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Erasure;

/// <summary>
/// A managed nominal of a new force with what the other services keep about it: an assessment,
/// an intervention and a marker request (with a passport number), each created with a request id
/// so that an idempotency key names it too.
/// </summary>
public sealed class FollowedNominal(IdentityScenario identity, Assessment assessment, Intervention intervention, MarkerRequest marker)
{
    /// <summary>The services that follow the nominals change feed, as the gateway names their audit logs.</summary>
    public static readonly string[] FollowingServices = ["assessments", "interventions", "identity-checks"];

    public IdentityScenario Identity { get; } = identity;
    public NominalScenario Nominals => Identity.Nominals;
    public Nominal Nominal => Identity.Nominal;
    public string Force => Identity.Force;
    public Assessment Assessment { get; } = assessment;
    public Intervention Intervention { get; } = intervention;
    public MarkerRequest Marker { get; } = marker;
    public SuiteFixture Suite => Identity.Suite;

    public AssessmentsService.AssessmentsServiceClient Assessments { get; } = new(identity.Suite.Channel);
    public InterventionsService.InterventionsServiceClient Interventions { get; } = new(identity.Suite.Channel);

    public static async Task<FollowedNominal> CreateAsync(SuiteFixture suite)
    {
        var identity = await IdentityScenario.CreateAsync(suite);
        var name = identity.Nominal.Name;
        var assessment = (await new AssessmentsService.AssessmentsServiceClient(suite.Channel).CreateAssessmentAsync(
            new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(name), RequestId = Guid.NewGuid().ToString() }, identity.AsOfficer)).Assessment;
        var intervention = (await new InterventionsService.InterventionsServiceClient(suite.Channel).CreateInterventionAsync(
            new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(name), RequestId = Guid.NewGuid().ToString() }, identity.AsOfficer)).Intervention;
        var marker = (await identity.Markers.CreateMarkerRequestAsync(new CreateMarkerRequestRequest
        {
            MarkerRequest = new MarkerRequest
            {
                Nominal = name, Agency = Agency.Hmpo, Ground = EnquiryGround.OverseasTravelOccupation,
                PassportNumber = "998" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            },
            RequestId = Guid.NewGuid().ToString(),
        }, identity.AsOfficer)).MarkerRequest;
        return new FollowedNominal(identity, assessment, intervention, marker);
    }

    public CallOptions AsAdministrator => Suite.As(Force, "ADM-ERASE-1", ["administrator"]);

    public Task EraseAsync() =>
        Nominals.Client.EraseNominalAsync(new EraseNominalRequest { Name = Nominal.Name, Reason = "created in error (synthetic)" }, AsAdministrator).ResponseAsync;

    /// <summary>The assessment, the intervention and the marker request as <paramref name="options"/> sees them (NOT_FOUND throws).</summary>
    public Task GetAssessmentAsync(CallOptions options) =>
        Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment.Name }, options).ResponseAsync;

    public Task GetInterventionAsync(CallOptions options) =>
        Interventions.GetInterventionAsync(new GetInterventionRequest { Name = Intervention.Name }, options).ResponseAsync;

    public Task GetMarkerAsync(CallOptions options) =>
        Identity.Markers.GetMarkerRequestAsync(new GetMarkerRequestRequest { Name = Marker.Name }, options).ResponseAsync;

    /// <summary>Polls (up to <paramref name="timeout"/>) until <paramref name="read"/> answers NOT_FOUND.</summary>
    public static Task GoneAsync(Func<Task> read, TimeSpan timeout, string what) =>
        IdentityScenario.EventuallyAsync(async () =>
        {
            try
            {
                await read();
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return true;
            }
        }, timeout, what + " answers NOT_FOUND");

    /// <summary>A service's audit entries about <paramref name="subject"/>, read by an auditor of <paramref name="force"/> through the gateway.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string service, string force, string subject)
    {
        var options = Suite.As(force, "AU-ERASE-1", RoleSets.Auditor);
        options.Headers!.Add("offenderrisk-audit-log", service);
        var audit = new AuditService.AuditServiceClient(Suite.Channel);
        return (await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = subject, PageSize = 500 }, options)).AuditEntries;
    }

    /// <summary>How many rows of <paramref name="table"/> in a service's own storage match <paramref name="where"/>.</summary>
    public async Task<long> CountAsync(string service, string table, string where, object parameters)
    {
        await using var db = await Suite.Storage.OpenAsync(service);
        return await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}", parameters);
    }
}
