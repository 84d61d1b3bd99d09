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
        return (await Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Etag = assigned.Etag }, AsOfficer)).Nominal;
    }

    public async Task<Nominal> GetAsync(string name) =>
        (await Client.GetNominalAsync(new GetNominalRequest { Name = name }, AsOfficer)).Nominal;
}
