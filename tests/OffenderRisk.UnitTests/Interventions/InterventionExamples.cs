using OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>A complete, valid intervention as a caller sends it; each test changes one thing.</summary>
internal static class InterventionExamples
{
    public const string NominalName = "nominals/0193a5f0-0000-7000-8000-000000000002";

    public static Intervention Curfew() => new()
    {
        Nominal = NominalName,
        Kind = InterventionKind.BailOrCurfewChecks,
        Description = "Curfew 19:00 to 07:00 at the approved address.",
        Objective = "Prevent night-time access to the park where the previous offences occurred.",
        Enforcement = "Unannounced curfew checks by the neighbourhood team, at least weekly.",
        Suitability = "Offending pattern was night-time and opportunistic.",
        LawfulnessAndProportionality = "Licence condition; the least intrusive measure that covers the risk period.",
        EchrArticlesConsidered = { EchrArticle.RightToLife, EchrArticle.ProhibitionOfTorture, EchrArticle.RightToPrivateAndFamilyLife },
        NegativeConsequences = "May limit evening employment; reviewed if work is offered.",
    };
}
