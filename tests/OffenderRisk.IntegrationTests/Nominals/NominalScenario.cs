using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>A force, its people, and a nominal of theirs: the set-up most nominal tests share.</summary>
public sealed class NominalScenario(SuiteFixture suite, string force)
{
    public string Force { get; } = force;
    public const string Officer = "PC-MOSOVO-1";
    public const string Supervisor = "SGT-SUP-1";

    public NominalsService.NominalsServiceClient Client { get; } = new(suite.Channel);

    public CallOptions AsOfficer => suite.As(Force, Officer, ["mosovo-officer"]);
    public CallOptions AsSupervisor => suite.As(Force, Supervisor, ["supervisor"]);

    public static async Task<(NominalScenario Scenario, Nominal Nominal)> CreateAsync(SuiteFixture suite, Action<Nominal>? shape = null)
    {
        var scenario = new NominalScenario(suite, TestData.NewForce());
        var nominal = TestData.Nominal();
        shape?.Invoke(nominal);
        var created = (await scenario.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, scenario.AsOfficer)).Nominal;
        return (scenario, created);
    }

    /// <summary>Names the scenario's officer and makes the nominal active.</summary>
    public async Task<Nominal> ManageAsync(Nominal nominal)
    {
        var assigned = (await Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = Officer, Reason = "allocation", Etag = nominal.Etag }, AsSupervisor)).Nominal;
        return (await Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Reason = "allocated for management", Etag = assigned.Etag }, AsOfficer)).Nominal;
    }

    /// <summary>The placement's reasons the tests give (R-RM4).</summary>
    public static readonly string[] PlacementReasons = ["assessed low risk throughout the last three years (synthetic)", "current ARMS low (synthetic)"];

    /// <summary>
    /// Places an active nominal on reactive management as the rules allow (R-RM1, R-RM4): the lead
    /// agency set to police, proposed by the scenario's officer and approved by its supervisor.
    /// </summary>
    public async Task<Nominal> PlaceOnReactiveAsync(Nominal active)
    {
        var policeLed = active.LeadAgency == LeadAgency.Police
            ? active
            : (await Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = active.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = active.Etag }, AsOfficer)).Nominal;
        return (await Client.ChangeManagementStatusAsync(ReactivePlacement(policeLed), AsSupervisor)).Nominal;
    }

    /// <summary>A placement on reactive management of <paramref name="nominal"/> proposed by the scenario's officer.</summary>
    public static ChangeManagementStatusRequest ReactivePlacement(Nominal nominal) => new()
    {
        Name = nominal.Name,
        Status = ManagementStatus.Reactive,
        Reason = "low risk for three years",
        Etag = nominal.Etag,
    };

    /// <summary>A new (unmanaged) nominal of <paramref name="force"/>, for the services whose records must name one that exists and that force may see.</summary>
    public static async Task<string> NewNominalAsync(SuiteFixture suite, string force)
    {
        var scenario = new NominalScenario(suite, force);
        return (await scenario.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, scenario.AsOfficer)).Nominal.Name;
    }

    public async Task<Nominal> GetAsync(string name) =>
        (await Client.GetNominalAsync(new GetNominalRequest { Name = name }, AsOfficer)).Nominal;
}
