using OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>Fictional assessments: a complete one whose levels agree, and an override.</summary>
public static class AssessmentTestData
{
    /// <summary>A nominal name no other test uses. Assessments keep only the reference.</summary>
    public static string NewNominal() => "nominals/" + Guid.CreateVersion7();

    public static Assessment Agreeing(string nominal, RiskLevel level = RiskLevel.Medium) => new()
    {
        Nominal = nominal,
        Tool = AssessmentTool.Arms,
        ToolOutcome = level,
        FinalLevel = level,
        AffectedGroups = { AffectedGroup.Children },
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
