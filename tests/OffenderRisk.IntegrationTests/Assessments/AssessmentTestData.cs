using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>Fictional assessments: a complete one whose levels agree, and an override.</summary>
public static class AssessmentTestData
{
    /// <summary>A new nominal of <paramref name="force"/> no other test uses: every assessment names a nominal that exists and the caller's force may see.</summary>
    public static Task<string> NominalOfAsync(SuiteFixture suite, string force) => NominalScenario.NewNominalAsync(suite, force);

    /// <summary>A well-formed nominal name that names no nominal.</summary>
    public static string MissingNominal() => "nominals/" + Guid.CreateVersion7();

    public static Assessment Agreeing(string nominal, RiskLevel level = RiskLevel.Medium) => new()
    {
        Nominal = nominal,
        Kind = AssessmentKind.Arms,
        ToolOutcome = level,
        FinalLevel = level,
        GroupLevels = { new GroupRisk { Group = AffectedGroup.Children, Level = level } },
        Likelihood = "Likely if unsupervised contact with children resumes.",
        Frequency = "Opportunistic.",
        Extent = "Serious harm.",
        StaticFactors = { StaticRiskFactor.PreviousConvictions },
        DynamicFactors = { DynamicRiskFactor.AccessToVictims, DynamicRiskFactor.SexualInterests },
    };

    public static Assessment Overriding(string nominal, RiskLevel toolOutcome, RiskLevel finalLevel)
    {
        var assessment = Agreeing(nominal, toolOutcome);
        assessment.FinalLevel = finalLevel;
        assessment.OverrideRationale = "Intelligence of renewed contact with a child, after the tool was scored.";
        assessment.OverrideJustification = "Home visit report of 2 March and children's services referral, both on file.";
        return assessment;
    }
}
