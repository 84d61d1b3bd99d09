using System.Data.Common;
using System.Text.Json;
using Dapper;
using Grpc.Core;
using OffenderRisk.AgencyStubs;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;
using WireMock.Logging;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>
/// A force, its MOSOVO officer and a managed nominal, with clients for the identity-checks
/// contracts and the stub agencies' request logs.
/// </summary>
public sealed class IdentityScenario(SuiteFixture suite, NominalScenario nominals, Nominal nominal)
{
    public const string Service = "identity-checks";

    public SuiteFixture Suite { get; } = suite;
    public NominalScenario Nominals { get; } = nominals;
    public Nominal Nominal { get; } = nominal;
    public string Force => Nominals.Force;

    public IdentityEnquiriesService.IdentityEnquiriesServiceClient Enquiries { get; } = new(suite.Channel);
    public MarkerRequestsService.MarkerRequestsServiceClient Markers { get; } = new(suite.Channel);
    public CredentialChecksService.CredentialChecksServiceClient Credentials { get; } = new(suite.Channel);
    public ScheduledChecksService.ScheduledChecksServiceClient ScheduledChecks { get; } = new(suite.Channel);
    public IntelligenceService.IntelligenceServiceClient Intelligence { get; } = new(suite.Channel);

    public CallOptions AsOfficer => Nominals.AsOfficer;

    public CallOptions AsOfficerWithin(TimeSpan deadline) =>
        Nominals.AsOfficer.WithDeadline(DateTime.UtcNow + deadline);

    /// <summary>A managed nominal (officer assigned, active) of a new force.</summary>
    public static async Task<IdentityScenario> CreateAsync(SuiteFixture suite, Action<Nominal>? shape = null)
    {
        var (scenario, created) = await NominalScenario.CreateAsync(suite, shape);
        var managed = await scenario.ManageAsync(created);
        return new IdentityScenario(suite, scenario, managed);
    }

    public AgencyStubServer Stub(string agency) => Suite.Agencies[agency];

    /// <summary>Requests the stub received to <paramref name="path"/> whose body mentions <paramref name="identifier"/>.</summary>
    public IReadOnlyList<ILogEntry> Requests(string agency, string path, string identifier) =>
        Stub(agency).Server.LogEntries
            .Where(e => e.RequestMessage.Path == path && (e.RequestMessage.Body ?? "").Contains(identifier, StringComparison.Ordinal))
            .OrderBy(e => e.RequestMessage.DateTime)
            .ToList();

    public async Task<DbConnection> OpenDatabaseAsync() => await Suite.Storage.OpenAsync(Service);

    /// <summary>The identity-checks audit entries about a subject: (operation, recipients, actor).</summary>
    public async Task<IReadOnlyList<(long Operation, string[] Recipients, string Actor)>> AuditAsync(string subject)
    {
        await using var db = await OpenDatabaseAsync();
        var rows = await db.QueryAsync<(long Operation, string Recipients, string Actor)>(
            "SELECT operation, recipients, actor FROM audit_log WHERE subject = @subject ORDER BY sequence", new { subject });
        return rows.Select(r => (r.Operation, JsonSerializer.Deserialize<string[]>(r.Recipients) ?? [], r.Actor)).ToList();
    }

    /// <summary>Polls a marker request until <paramref name="done"/> holds, riding out a restart of the service.</summary>
    public async Task<MarkerRequest> WaitForMarkerAsync(string name, Func<MarkerRequest, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        MarkerRequest? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await Markers.GetMarkerRequestAsync(new GetMarkerRequestRequest { Name = name }, AsOfficer)).MarkerRequest;
                if (done(last))
                {
                    return last;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"marker request did not reach the expected state within {timeout}; last seen: {last}");
    }

    public static Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => Eventually(condition, timeout, what);

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"not within {timeout}: {what}");
    }
}

/// <summary>Synthetic identifiers that no stub selector uses: well-formed, so the stubs answer "not found".</summary>
public static class UniqueIds
{
    private static int _next = Random.Shared.Next(100_000, 900_000);

    /// <summary>e.g. 99/8123456Q: the stub answers 404 (PNC) or no results (PND).</summary>
    public static string PncId() => $"99/8{Interlocked.Increment(ref _next):D6}Q";
}
