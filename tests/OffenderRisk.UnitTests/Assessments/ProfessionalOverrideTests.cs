using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.AssessmentExamples;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS3: overriding the computed tool outcome (here high, TOOLS.md's worked example) needs a rationale and a justification.</summary>
public sealed class ProfessionalOverrideTests
{
    [Fact]
    public void R_AS3_an_overall_level_above_the_computed_outcome_without_a_rationale_is_refused()
    {
        var assessment = Overriding(RiskLevel.VeryHigh);
        assessment.OverrideRationale = "";

        var e = Assert.Throws<RuleViolationException>(() => Assess(assessment));

        Assert.Equal("R-AS3", e.RuleId);
        Assert.Equal("assessment.override_rationale", e.Field);
    }

    [Fact]
    public void R_AS3_an_override_without_a_justification_is_refused()
    {
        var assessment = Overriding(RiskLevel.Low);
        assessment.OverrideJustification = "   ";

        var e = Assert.Throws<RuleViolationException>(() => Assess(assessment));

        Assert.Equal("R-AS3", e.RuleId);
        Assert.Equal("assessment.override_justification", e.Field);
    }

    [Fact]
    public void R_AS3_an_override_with_neither_names_the_rationale_first_and_lists_both()
    {
        var assessment = Overriding(RiskLevel.Medium);
        assessment.OverrideRationale = "";
        assessment.OverrideJustification = "";

        var e = Assert.Throws<RuleViolationException>(() => Assess(assessment));

        Assert.Equal("assessment.override_rationale", e.Field);
        Assert.Contains("override_rationale, override_justification", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_AS3_an_override_with_its_reasons_keeps_the_computed_outcome_and_the_overall_level()
    {
        var assessment = Overriding(RiskLevel.VeryHigh);

        var (details, outcome) = Assess(assessment);

        Assert.Equal(Domain.RiskLevel.High, outcome.ToolOutcome);
        Assert.Equal(Domain.RiskLevel.VeryHigh, outcome.FinalLevel);
        Assert.True(outcome.Overridden);
        Assert.Equal(assessment.OverrideRationale, details.OverrideRationale);
        Assert.Equal(assessment.OverrideJustification, details.OverrideJustification);
    }

    [Fact]
    public void R_AS3_an_overall_level_that_agrees_with_the_computed_outcome_needs_no_override()
    {
        var (_, outcome) = Assess(Agreeing(RiskLevel.High));

        Assert.False(outcome.Overridden);
    }

    [Fact]
    public void R_AS2_a_typed_tool_outcome_is_ignored_so_an_override_cannot_be_dodged()
    {
        // The assessor types the judged level as the tool outcome: the computed high stands.
        var assessment = Agreeing(RiskLevel.VeryHigh);
        assessment.ToolOutcome = RiskLevel.VeryHigh;

        var e = Assert.Throws<RuleViolationException>(() => Assess(assessment));

        Assert.Equal("R-AS3", e.RuleId);
    }

    [Fact]
    public void R_AS3_reasons_for_an_override_that_did_not_happen_are_refused()
    {
        var assessment = Agreeing(RiskLevel.High);
        assessment.OverrideRationale = "No override was made, so this would mislead.";

        var e = Assert.Throws<ValidationFailedException>(() => Assess(assessment));

        Assert.Equal(["assessment.override_rationale"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_AS3_lowering_the_level_is_an_override_too()
    {
        var assessment = Overriding(RiskLevel.Medium);
        assessment.OverrideRationale = "";

        Assert.Throws<RuleViolationException>(() => Assess(assessment));
    }

    [Theory]
    [InlineData(RiskLevel.Low)]
    [InlineData(RiskLevel.VeryHigh)]
    public void R_AS3_without_OSP_inputs_there_is_no_tool_outcome_and_any_level_stands_on_judgement(RiskLevel level)
    {
        var (_, outcome) = Assess(OnJudgementAlone(level));

        Assert.Equal(Domain.RiskLevel.Unspecified, outcome.ToolOutcome);
        Assert.Equal((Domain.RiskLevel)level, outcome.FinalLevel);
        Assert.False(outcome.Overridden);
        Assert.Null(outcome.Scores);
    }

    [Fact]
    public void R_AS3_without_a_tool_outcome_override_reasons_are_refused()
    {
        var assessment = OnJudgementAlone();
        assessment.OverrideJustification = "There is nothing to override.";

        var e = Assert.Throws<ValidationFailedException>(() => Assess(assessment));

        Assert.Equal(["assessment.override_justification"], e.Problems.Select(p => p.Field));
    }
}
