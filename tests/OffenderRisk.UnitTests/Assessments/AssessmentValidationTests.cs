using Domain = OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS1 and R-AS4: what every assessment records, and in what form.</summary>
public sealed class AssessmentValidationTests
{
    [Fact]
    public void A_complete_assessment_is_accepted_with_the_nominal_id_canonical()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.Nominal = assessment.Nominal.ToUpperInvariant().Replace("NOMINALS/", "nominals/", StringComparison.Ordinal);

        var details = AssessmentValidation.Validate(assessment, "assessment");

        Assert.Equal("0193a5f0-0000-7000-8000-000000000001", details.NominalId);
        Assert.Equal([Domain.AffectedGroup.Children, Domain.AffectedGroup.KnownAdults], details.AffectedGroups);
        Assert.Equal([Domain.StaticRiskFactor.PreviousConvictions, Domain.StaticRiskFactor.PreviousSexualAssault], details.StaticFactors);
        Assert.Equal([Domain.DynamicRiskFactor.AccessToVictims, Domain.DynamicRiskFactor.SubstanceMisuse], details.DynamicFactors);
    }

    [Fact]
    public void R_AS1_likelihood_frequency_extent_and_who_may_be_affected_are_required()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.Likelihood = "";
        assessment.Frequency = " ";
        assessment.Extent = "";
        assessment.GroupLevels.Clear();

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(
            ["assessment.group_levels", "assessment.extent", "assessment.frequency", "assessment.likelihood"],
            e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void R_AS1_the_tool_its_outcome_and_the_final_level_are_required()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.Kind = AssessmentKind.Unspecified;
        assessment.ToolOutcome = RiskLevel.Unspecified;
        assessment.FinalLevel = RiskLevel.Unspecified;

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(
            ["assessment.final_level", "assessment.tool", "assessment.tool_outcome"],
            e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void R_AS1_a_level_outside_low_to_very_high_is_invalid()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.FinalLevel = (RiskLevel)5;

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Contains(e.Problems, p => p.Field == "assessment.final_level");
    }

    [Fact]
    public void R_AS4_a_factor_not_on_the_APP_lists_is_invalid()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.StaticFactors.Add((StaticRiskFactor)99);
        assessment.DynamicFactors.Add(DynamicRiskFactor.Unspecified);

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(["assessment.dynamic_factors[2]", "assessment.static_factors[2]"], e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void R_AS4_a_factor_named_twice_is_invalid()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.DynamicFactors.Add(DynamicRiskFactor.AccessToVictims);

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(["assessment.dynamic_factors"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_AS4_an_assessment_with_no_factors_recorded_yet_is_accepted()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.StaticFactors.Clear();
        assessment.DynamicFactors.Clear();

        var details = AssessmentValidation.Validate(assessment, "assessment");

        Assert.Empty(details.StaticFactors);
        Assert.Empty(details.DynamicFactors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nominals/not-a-uuid")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-000000000001")]
    public void The_nominal_must_be_a_nominal_resource_name(string nominal)
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.Nominal = nominal;

        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(["assessment.nominal"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Text_over_4000_characters_is_invalid_and_4000_is_accepted()
    {
        var assessment = AssessmentExamples.Agreeing();
        assessment.Extent = new string('x', 4000);
        AssessmentValidation.Validate(assessment, "assessment");

        assessment.Extent = new string('x', 4001);
        var e = Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));

        Assert.Equal(["assessment.extent"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Invalid_input_is_reported_before_the_R_AS3_refusal()
    {
        var assessment = AssessmentExamples.Overriding(RiskLevel.Low, RiskLevel.High);
        assessment.OverrideRationale = "";
        assessment.Likelihood = "";

        Assert.Throws<ValidationFailedException>(() => AssessmentValidation.Validate(assessment, "assessment"));
    }
}
