using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.AssessmentExamples;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS1 and R-AS2: the scores and the tool outcome are computed, the overall level is the highest group level.</summary>
public sealed class AssessmentOutcomeTests
{
    [Fact]
    public void R_AS2_the_worked_example_scores_30_points_high_and_the_tool_outcome_is_high()
    {
        var (_, outcome) = Assess(Agreeing());

        var scores = outcome.Scores!;
        Assert.Equal(30, scores.OspDc.Points);
        Assert.Equal(Domain.RiskLevel.High, scores.OspDc.Band);
        Assert.Equal(OspDirectContact.ToolVersion, scores.OspDc.ToolVersion);
        Assert.Equal(Domain.RiskLevel.Low, scores.OspIic.Band);
        Assert.Equal(OspIndirectContact.ToolVersion, scores.OspIic.ToolVersion);
        Assert.Equal(Domain.RiskLevel.High, outcome.ToolOutcome);
    }

    [Fact]
    public void R_AS2_the_tool_outcome_is_the_OSP_IIC_band_when_it_is_the_higher()
    {
        // Two indecent-image sanctions: OSP/IIC very high, above OSP/DC.
        var assessment = Agreeing(RiskLevel.VeryHigh);
        assessment.OspInputs.IndecentImageSanctions = 2;
        assessment.OspInputs.TotalSanctions = 5;

        var (_, outcome) = Assess(assessment);

        Assert.Equal(Domain.RiskLevel.VeryHigh, outcome.Scores!.OspIic.Band);
        Assert.True(outcome.Scores.OspDc.Band < Domain.RiskLevel.VeryHigh);
        Assert.Equal(Domain.RiskLevel.VeryHigh, outcome.ToolOutcome);
    }

    [Fact]
    public void R_AS2_a_woman_has_no_OSP_DC_band_and_the_tool_outcome_is_the_OSP_IIC_band()
    {
        var assessment = Agreeing(RiskLevel.Low);
        assessment.OspInputs.Gender = OffenderRisk.Contracts.Assessments.V1.Gender.Female;

        var (_, outcome) = Assess(assessment);

        Assert.Equal(OffenderRisk.Assessments.Domain.Tools.OspDcOutcome.NotApplicable, outcome.Scores!.OspDc.Outcome);
        Assert.Null(outcome.Scores.OspDc.Band);
        Assert.Equal(Domain.RiskLevel.Low, outcome.ToolOutcome);
    }

    [Fact]
    public void R_AS2_a_gender_recorded_as_unknown_cannot_be_scored_and_is_refused_naming_it()
    {
        var assessment = Agreeing();
        assessment.OspInputs.Gender = OffenderRisk.Contracts.Assessments.V1.Gender.Unknown;

        var e = Assert.Throws<RuleViolationException>(() => Assess(assessment));

        Assert.Equal("R-AS2", e.RuleId);
        Assert.Equal("assessment.osp_inputs.gender", e.Field);
    }

    [Fact]
    public void R_AS2_a_risk_of_serious_harm_assessment_with_OSP_inputs_has_a_tool_outcome()
    {
        var assessment = OnJudgementAlone(RiskLevel.High);
        assessment.OspInputs = WorkedExampleInputs();

        var (_, outcome) = Assess(assessment);

        Assert.Equal(Domain.RiskLevel.High, outcome.ToolOutcome);
    }

    [Theory]
    [InlineData(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low)]
    [InlineData(RiskLevel.Low, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium)]
    [InlineData(RiskLevel.Low, RiskLevel.Low, RiskLevel.High, RiskLevel.Medium, RiskLevel.High)]
    [InlineData(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.VeryHigh, RiskLevel.VeryHigh)]
    public void R_AS1_the_overall_level_is_the_highest_group_level(RiskLevel children, RiskLevel adults, RiskLevel publicLevel, RiskLevel staff, RiskLevel overall)
    {
        var assessment = OnJudgementAlone();
        assessment.GroupLevels[0].Level = children;
        assessment.GroupLevels[1].Level = adults;
        assessment.GroupLevels[2].Level = publicLevel;
        assessment.GroupLevels[3].Level = staff;

        var (_, outcome) = Assess(assessment);

        Assert.Equal((Domain.RiskLevel)overall, outcome.FinalLevel);
    }

    [Fact]
    public void R_AS1_a_final_level_the_caller_sends_is_ignored()
    {
        var assessment = OnJudgementAlone(RiskLevel.Medium);
        assessment.FinalLevel = RiskLevel.Low;

        Assert.Equal(Domain.RiskLevel.Medium, Assess(assessment).Outcome.FinalLevel);
    }
}
