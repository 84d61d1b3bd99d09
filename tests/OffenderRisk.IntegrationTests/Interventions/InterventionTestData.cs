using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>A fictional intervention with a complete systematic analysis (R-MG8).</summary>
public static class InterventionTestData
{
    /// <summary>A new nominal of <paramref name="force"/> no other test uses: every intervention names a nominal that exists and the caller's force may see.</summary>
    public static Task<string> NominalOfAsync(SuiteFixture suite, string force) => NominalScenario.NewNominalAsync(suite, force);

    /// <summary>A well-formed nominal name that names no nominal.</summary>
    public static string MissingNominal() => "nominals/" + Guid.CreateVersion7();

    public static Intervention HomeVisits(string nominal) => new()
    {
        Nominal = nominal,
        Kind = InterventionKind.HomeVisits,
        Description = "Unannounced visits to the home address.",
        Objective = "Verify the address and detect unsupervised contact with children.",
        Enforcement = "Visits at least monthly; refusal of entry recorded (R-MG7) and reviewed.",
        Suitability = "Previous offending took place at home.",
        LawfulnessAndProportionality = "Power of entry under s.96B warrant where refused; frequency set by the risk level.",
        EchrArticlesConsidered = { EchrArticle.RightToLife, EchrArticle.ProhibitionOfTorture, EchrArticle.RightToPrivateAndFamilyLife },
        NegativeConsequences = "Visible police presence may expose the nominal to vigilante action; visits are discreet.",
    };
}
