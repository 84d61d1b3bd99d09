using Domain = OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS3: overriding a tool's outcome needs a rationale and a justification.</summary>
public sealed class ProfessionalOverrideTests
{
    [Fact]
    public void R_AS3_override_without_rationale_is_refused()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.Medium, RiskLevel.High);
        assessment.OverrideRationale = "";

        var e = Assert.Throws<RuleViolationException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal("R-AS3", e.RuleId);
        Assert.Equal("assessment.override_rationale", e.Field);
    }

    [Fact]
    public void R_AS3_override_without_justification_is_refused()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.High, RiskLevel.Low);
        assessment.OverrideJustification = "   ";

        var e = Assert.Throws<RuleViolationException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal("R-AS3", e.RuleId);
        Assert.Equal("assessment.override_justification", e.Field);
    }

    [Fact]
    public void R_AS3_override_with_neither_names_the_rationale_first_and_lists_both()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.Low, RiskLevel.VeryHigh);
        assessment.OverrideRationale = "";
        assessment.OverrideJustification = "";

        var e = Assert.Throws<RuleViolationException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal("assessment.override_rationale", e.Field);
        Assert.Contains("override_rationale, override_justification", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_AS3_override_with_rationale_and_justification_keeps_the_tool_outcome_and_the_final_level()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.Medium, RiskLevel.High);

        var details = AssessmentValidation.Validate(assessment, "assessment");

        Assert.Equal(Domain.RiskLevel.Medium, details.ToolOutcome);
        Assert.Equal(Domain.RiskLevel.High, details.FinalLevel);
        Assert.True(details.Overridden);
        Assert.Equal(assessment.OverrideRationale, details.Override!.Rationale);
        Assert.Equal(assessment.OverrideJustification, details.Override.Justification);
    }

    [Fact]
    public void R_AS3_a_final_level_that_agrees_with_the_tool_needs_no_override()
    {
        var details = AssessmentValidation.Validate(AssessmentExamples.Agreeing(RiskLevel.Low), "assessment");

        Assert.False(details.Overridden);
        Assert.Null(details.Override);
    }

    [Fact]
    public void R_AS3_an_override_rationale_without_an_override_is_invalid()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.OverrideRationale = "No override was made, so this would mislead.";

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(["assessment.override_rationale"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_AS3_lowering_a_level_is_an_override_too()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.VeryHigh, RiskLevel.Medium);
        assessment.OverrideRationale = "";

        Assert.Throws<RuleViolationException>(() => AssessmentValidation.Validate(assessment, "assessment"));
    }
}
