using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.AssessmentExamples;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS1, R-AS2, R-AS4, R-AS10 and R-VI1: what every assessment records, and in what form; each bad field named by its path.</summary>
public sealed class AssessmentValidationTests
{
    [Fact]
    public void A_complete_ARMS_is_accepted_with_the_nominal_and_victim_ids_canonical()
    {
        var assessment = Agreeing();
        assessment.Nominal = NominalName.ToUpperInvariant().Replace("NOMINALS/", "nominals/", StringComparison.Ordinal);

        var (details, _) = Assess(assessment);

        Assert.Equal("0193a5f0-0000-7000-8000-000000000001", details.NominalId);
        Assert.Equal(Domain.AssessmentKind.Arms, details.Kind);
        Assert.Equal(["0193a5f0-0000-7000-8000-0000000000b1"], details.Victims.VictimIds);
        Assert.Equal(4, details.GroupLevels.Count);
        Assert.Equal([Domain.DynamicRiskFactor.AccessToVictims, Domain.DynamicRiskFactor.SubstanceMisuse], details.DynamicFactors);
        Assert.Equal(2, details.RiskToChildren.InformationSources.Count);
    }

    [Fact]
    public void R_AS1_likelihood_frequency_and_extent_are_required()
    {
        var assessment = Agreeing();
        assessment.Likelihood = "";
        assessment.Frequency = " ";
        assessment.Extent = "";

        Assert.Equal(["assessment.extent", "assessment.frequency", "assessment.likelihood"], Fields(assessment));
    }

    [Fact]
    public void R_AS1_a_missing_group_is_refused_naming_group_levels()
    {
        var assessment = Agreeing();
        assessment.GroupLevels.RemoveAt(3);

        Assert.Equal(["assessment.group_levels"], Fields(assessment));
    }

    [Fact]
    public void R_AS1_a_group_given_two_levels_and_a_level_not_given_are_refused_naming_the_entry()
    {
        var assessment = Agreeing();
        assessment.GroupLevels[3].Group = AffectedGroup.Children;
        assessment.GroupLevels[1].Level = RiskLevel.Unspecified;

        Assert.Equal(["assessment.group_levels", "assessment.group_levels[1].level", "assessment.group_levels[3].group"], Fields(assessment));
    }

    [Fact]
    public void R_AS1_more_than_four_group_levels_are_refused()
    {
        var assessment = Agreeing();
        assessment.GroupLevels.Add(new GroupRisk { Group = AffectedGroup.Public, Level = RiskLevel.High });

        Assert.Equal(["assessment.group_levels"], Fields(assessment));
    }

    [Fact]
    public void R_AS2_the_kind_is_required()
    {
        var assessment = Agreeing();
        assessment.Kind = AssessmentKind.Unspecified;

        Assert.Equal(["assessment.kind"], Fields(assessment));
    }

    [Fact]
    public void R_AS2_an_ARMS_needs_its_OSP_inputs_and_its_ARMS_ratings()
    {
        var assessment = Agreeing();
        assessment.OspInputs = null;
        assessment.Arms = null;

        var e = Assert.Throws<ValidationFailedException>(() => Assess(assessment));

        Assert.Equal(["assessment.arms", "assessment.osp_inputs"], e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(e.Problems, p => Assert.Equal("R-AS2", p.RuleId));
    }

    [Fact]
    public void R_AS2_a_risk_of_serious_harm_assessment_has_no_ARMS_ratings()
    {
        var assessment = OnJudgementAlone();
        assessment.Arms = Arms();

        Assert.Equal(["assessment.arms"], Fields(assessment));
    }

    [Fact]
    public void R_AS2_negative_counts_are_refused_naming_each()
    {
        var assessment = Agreeing();
        assessment.OspInputs.TotalSanctions = -1;
        assessment.OspInputs.NonContactSanctions = -2;

        Assert.Equal(["assessment.osp_inputs.non_contact_sanctions", "assessment.osp_inputs.total_sanctions"], Fields(assessment));
    }

    [Fact]
    public void R_AS2_a_date_of_birth_after_the_last_sexual_sanction_is_refused()
    {
        var assessment = Agreeing();
        assessment.OspInputs.DateOfBirth = new CalendarDate { Year = 2025, Month = 1, Day = 1 };

        Assert.Contains("assessment.osp_inputs.date_of_birth", Fields(assessment));
    }

    [Fact]
    public void R_AS2_a_follow_up_date_before_the_last_sexual_sanction_is_refused()
    {
        var assessment = Agreeing();
        assessment.OspInputs.FollowUpStartDate = new CalendarDate { Year = 2024, Month = 6, Day = 9 };

        Assert.Equal(["assessment.osp_inputs.follow_up_start_date"], Fields(assessment));
    }

    [Fact]
    public void R_AS2_an_impossible_date_is_refused_as_such()
    {
        var assessment = Agreeing();
        assessment.OspInputs.DateOfBirth = new CalendarDate { Year = 1986, Month = 2, Day = 30 };

        var e = Assert.Throws<ValidationFailedException>(() => Assess(assessment));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("assessment.osp_inputs.date_of_birth", problem.Field);
        Assert.Contains("not a real calendar date", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_AS4_a_rating_outside_the_scale_is_refused_naming_the_rating()
    {
        var assessment = Agreeing();
        assessment.Arms.Ratings[3].Rating = "extreme";

        Assert.Equal(["assessment.arms.ratings[3].rating"], Fields(assessment));
    }

    [Fact]
    public void R_AS4_a_factor_not_on_the_list_is_refused_naming_the_factor()
    {
        var assessment = Agreeing();
        assessment.Arms.Ratings[0].Factor = "astrology";

        // The factor it replaced is then unrated as well.
        Assert.Equal(["assessment.arms.ratings", "assessment.arms.ratings[0].factor"], Fields(assessment));
    }

    [Fact]
    public void R_AS4_a_static_or_dynamic_factor_not_on_the_APP_lists_is_refused()
    {
        var assessment = Agreeing();
        assessment.StaticFactors.Add((StaticRiskFactor)99);
        assessment.DynamicFactors.Add(DynamicRiskFactor.Unspecified);

        Assert.Equal(["assessment.dynamic_factors[2]", "assessment.static_factors[2]"], Fields(assessment));
    }

    [Fact]
    public void R_AS4_a_factor_named_twice_is_refused()
    {
        var assessment = Agreeing();
        assessment.DynamicFactors.Add(DynamicRiskFactor.AccessToVictims);

        Assert.Equal(["assessment.dynamic_factors"], Fields(assessment));
    }

    [Fact]
    public void R_VI1_how_victims_were_considered_is_required()
    {
        var missing = Agreeing();
        missing.Victims = null;
        var blank = Agreeing();
        blank.Victims.Consideration = "  ";

        Assert.Equal(["assessment.victims"], Fields(missing));
        Assert.Equal(["assessment.victims.consideration"], Fields(blank));
    }

    [Fact]
    public void R_VI1_a_victim_of_another_nominal_or_a_repeat_is_refused_naming_the_entry()
    {
        var assessment = Agreeing();
        assessment.Victims.Victims.Add("nominals/0193a5f0-0000-7000-8000-000000000002/victims/0193a5f0-0000-7000-8000-0000000000b2");
        assessment.Victims.Victims.Add(VictimName.ToUpperInvariant().Replace("NOMINALS/", "nominals/", StringComparison.Ordinal).Replace("/VICTIMS/", "/victims/", StringComparison.Ordinal));
        assessment.Victims.Victims.Add("victims/0193a5f0-0000-7000-8000-0000000000b3");

        Assert.Equal(["assessment.victims.victims[1]", "assessment.victims.victims[2]", "assessment.victims.victims[3]"], Fields(assessment));
    }

    [Fact]
    public void R_VI1_at_most_50_victims_and_none_is_accepted()
    {
        var tooMany = Agreeing();
        tooMany.Victims.Victims.Clear();
        tooMany.Victims.Victims.Add(Enumerable.Range(1, 51).Select(i => $"{NominalName}/victims/0193a5f0-0000-7000-8000-{i:D12}"));
        var none = Agreeing();
        none.Victims.Victims.Clear();

        Assert.Equal(["assessment.victims.victims"], Fields(tooMany));
        Assert.Empty(Assess(none).Details.Victims.VictimIds);
    }

    [Fact]
    public void R_AS10_the_conclusion_at_least_one_source_and_the_rationale_are_required()
    {
        var assessment = Agreeing();
        assessment.RiskToChildren.Conclusion = RiskToChildrenConclusion.Unspecified;
        assessment.RiskToChildren.InformationSources.Clear();
        assessment.RiskToChildren.Rationale = "";

        var e = Assert.Throws<ValidationFailedException>(() => Assess(assessment));

        Assert.Equal(
            ["assessment.risk_to_children.conclusion", "assessment.risk_to_children.information_sources", "assessment.risk_to_children.rationale"],
            e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(e.Problems, p => Assert.Equal("R-AS10", p.RuleId));
    }

    [Fact]
    public void R_AS10_a_missing_conclusion_is_refused()
    {
        var assessment = Agreeing();
        assessment.RiskToChildren = null;

        Assert.Equal(["assessment.risk_to_children"], Fields(assessment));
    }

    [Fact]
    public void R_AS10_at_most_20_sources_of_200_characters()
    {
        var tooMany = Agreeing();
        tooMany.RiskToChildren.InformationSources.Add(Enumerable.Repeat("Health visitor", 19));
        var tooLong = Agreeing();
        tooLong.RiskToChildren.InformationSources[1] = new string('x', 201);

        Assert.Equal(["assessment.risk_to_children.information_sources"], Fields(tooMany));
        Assert.Equal(["assessment.risk_to_children.information_sources[1]"], Fields(tooLong));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nominals/not-a-uuid")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-000000000001")]
    public void The_nominal_must_be_a_nominal_resource_name(string nominal)
    {
        var assessment = Agreeing();
        assessment.Nominal = nominal;

        // The victims named cannot be under a nominal that is not named.
        Assert.Contains("assessment.nominal", Fields(assessment));
    }

    [Fact]
    public void Text_over_4000_characters_is_refused_and_4000_is_accepted()
    {
        var assessment = Agreeing();
        assessment.Extent = new string('x', 4000);
        Assess(assessment);

        assessment.Extent = new string('x', 4001);
        assessment.Arms.CaseFormulation = new string('x', 8001);

        Assert.Equal(["assessment.arms.case_formulation", "assessment.extent"], Fields(assessment));
    }

    [Fact]
    public void Invalid_input_is_reported_before_the_R_AS3_refusal()
    {
        var assessment = Overriding(RiskLevel.VeryHigh);
        assessment.OverrideRationale = "";
        assessment.Likelihood = "";

        Assert.Throws<ValidationFailedException>(() => Assess(assessment));
    }

    private static List<string> Fields(Assessment assessment) =>
        Assert.Throws<ValidationFailedException>(() => Assess(assessment)).Problems.Select(p => p.Field).Order(StringComparer.Ordinal).ToList();
}
