using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>
/// Fictional assessments: an ARMS of TOOLS.md's worked example (OSP/DC 30 points, high; OSP/IIC
/// low; so a computed tool outcome of high) whose overall level agrees, and variations.
/// </summary>
public static class AssessmentTestData
{
    /// <summary>A new nominal of <paramref name="force"/> no other test uses: every assessment names a nominal that exists and the caller's force may see.</summary>
    public static Task<string> NominalOfAsync(SuiteFixture suite, string force) => NominalScenario.NewNominalAsync(suite, force);

    /// <summary>A well-formed nominal name that names no nominal.</summary>
    public static string MissingNominal() => "nominals/" + Guid.CreateVersion7();

    /// <summary>
    /// TOOLS.md's worked example, by hand: 40 at follow-up (born 31 May 1986, follow-up 1 June 2026),
    /// one contact adult sanction, last sexual sanction at 38 (10 June 2024), three sanctions in
    /// all, stranger victim unknown: 5 + 0 + 0 + (20 - 13) + 10 + 6 + 2 = 30 points, high.
    /// </summary>
    public static OspInputs WorkedExample() => new()
    {
        DateOfBirth = new CalendarDate { Year = 1986, Month = 5, Day = 31 },
        Gender = Gender.Male,
        FollowUpStartDate = new CalendarDate { Year = 2026, Month = 6, Day = 1 },
        ContactAdultSanctions = 1,
        TotalSanctions = 3,
        LastSexualSanctionDate = new CalendarDate { Year = 2024, Month = 6, Day = 10 },
        StrangerVictim = StrangerVictim.Unknown,
    };

    /// <summary>An ARMS of the worked example; the overall level (the children's, every other group low) is <paramref name="level"/>.</summary>
    public static Assessment Agreeing(string nominal, RiskLevel level = RiskLevel.High) => new()
    {
        Nominal = nominal,
        Kind = AssessmentKind.Arms,
        OspInputs = WorkedExample(),
        Arms = new ArmsAssessment
        {
            FactorListVersion = "arms-factors-v1",
            Ratings =
            {
                Rated("sexual_preoccupation", "some_evidence", "Fictional: disclosed in a programme session."),
                Rated("offence_related_sexual_interest", "not_present"),
                Rated("emotional_congruence_with_children", "not_present"),
                Rated("hostile_orientation", "not_present"),
                Rated("poor_self_management", "some_evidence", "Fictional: missed two appointments."),
                Rated("negative_social_influences", "not_present"),
                Rated("opportunity_to_offend", "strong_evidence", "Fictional: lives near a primary school."),
                Rated("social_investment", "some_evidence", "Fictional: in work."),
                Rated("positive_social_influences", "not_present"),
                Rated("intimate_relationship", "not_present"),
                Rated("commitment_to_desist", "some_evidence", "Fictional: engages with supervision."),
            },
            Priority = "high",
            CaseFormulation = "Fictional formulation: opportunity and preoccupation drive the risk; work and engagement protect.",
        },
        GroupLevels =
        {
            new GroupRisk { Group = AffectedGroup.Children, Level = level },
            new GroupRisk { Group = AffectedGroup.KnownAdults, Level = RiskLevel.Low },
            new GroupRisk { Group = AffectedGroup.Public, Level = RiskLevel.Low },
            new GroupRisk { Group = AffectedGroup.Staff, Level = RiskLevel.Low },
        },
        Likelihood = "Likely if unsupervised contact with children resumes.",
        Frequency = "Opportunistic.",
        Extent = "Serious harm.",
        StaticFactors = { StaticRiskFactor.PreviousConvictions },
        DynamicFactors = { DynamicRiskFactor.AccessToVictims, DynamicRiskFactor.SexualInterests },
        Victims = new VictimConsideration { Consideration = "No victim is recorded; potential victims (children nearby) were considered." },
        RiskToChildren = new RiskToChildren
        {
            Conclusion = RiskToChildrenConclusion.PosesRisk,
            InformationSources = { "Probation pre-sentence report (fictional)" },
            Rationale = "A previous contact offence and proximity to a school.",
        },
    };

    /// <summary>An ARMS whose overall level <paramref name="finalLevel"/> departs from the computed high, with its reasons (R-AS3).</summary>
    public static Assessment Overriding(string nominal, RiskLevel finalLevel)
    {
        var assessment = Agreeing(nominal, finalLevel);
        assessment.OverrideRationale = "Intelligence of renewed contact with a child, after the tool was scored.";
        assessment.OverrideJustification = "Home visit report of 2 March and children's services referral, both on file.";
        return assessment;
    }

    private static ArmsFactorRating Rated(string factor, string rating, string evidence = "") => new() { Factor = factor, Rating = rating, Evidence = evidence };
}
