using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>The obligations ledger as the tests read it.</summary>
public static class ObligationScenario
{
    public static ObligationsService.ObligationsServiceClient Client(SuiteFixture suite) => new(suite.Channel);

    /// <summary>Every obligation of the nominal that has arisen, by due date.</summary>
    public static async Task<IReadOnlyList<Obligation>> ListAsync(SuiteFixture suite, NominalScenario s, string nominal, ObligationState state = ObligationState.Unspecified) =>
        (await Client(suite).ListObligationsAsync(new ListObligationsRequest { Parent = nominal, State = state, PageSize = 200 }, s.AsOfficer)).Obligations;
}
