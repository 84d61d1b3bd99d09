using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>A complete, valid assessment as a caller sends it; each test changes one thing.</summary>
internal static class AssessmentExamples
{
    public const string NominalName = "nominals/0193a5f0-0000-7000-8000-000000000001";

    public static Assessment Agreeing(RiskLevel level = RiskLevel.Medium) => new()
    {
        Nominal = NominalName,
        Kind = AssessmentKind.Arms,
        ToolOutcome = level,
        FinalLevel = level,
        GroupLevels = { new GroupRisk { Group = AffectedGroup.Children, Level = level }, new GroupRisk { Group = AffectedGroup.KnownAdults, Level = level } },
        Likelihood = "Likely within the next year if unsupervised contact resumes.",
        Frequency = "Opportunistic; past offences a year apart.",
        Extent = "Serious psychological and physical harm.",
        StaticFactors = { StaticRiskFactor.PreviousConvictions, StaticRiskFactor.PreviousSexualAssault },
        DynamicFactors = { DynamicRiskFactor.AccessToVictims, DynamicRiskFactor.SubstanceMisuse },
    };

    public static Assessment Overriding(RiskLevel toolOutcome, RiskLevel finalLevel)
    {
        var assessment = Agreeing(toolOutcome);
        assessment.FinalLevel = finalLevel;
        assessment.OverrideRationale = "Recent intelligence of contact with a child not reflected in the tool.";
        assessment.OverrideJustification = "Home visit report and partner agency information, both recorded.";
        return assessment;
    }
}
