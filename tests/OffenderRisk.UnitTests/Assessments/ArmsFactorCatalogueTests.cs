using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>
/// R-AS2, R-AS4: ARMS rates TOOLS.md's seven risk and four protective factors from a versioned
/// list (data, not code), each on the scale with the evidence it rests on, with a priority.
/// </summary>
public sealed class ArmsFactorCatalogueTests
{
    [Fact]
    public void R_AS4_the_current_list_has_TOOLS_seven_risk_and_four_protective_factors()
    {
        var list = ArmsFactorCatalogue.Current;

        Assert.Equal("arms-factors-v1", list.Version);
        Assert.Equal(
            ["sexual_preoccupation", "offence_related_sexual_interest", "emotional_congruence_with_children", "hostile_orientation",
             "poor_self_management", "negative_social_influences", "opportunity_to_offend"],
            list.Factors.Where(f => f.Kind == ArmsFactorKind.Risk).Select(f => f.Code));
        Assert.Equal(
            ["social_investment", "positive_social_influences", "intimate_relationship", "commitment_to_desist"],
            list.Factors.Where(f => f.Kind == ArmsFactorKind.Protective).Select(f => f.Code));
        Assert.Equal(11, list.Factors.Count);
    }

    [Fact]
    public void R_AS4_the_scale_and_the_priorities_come_with_the_list()
    {
        var list = ArmsFactorCatalogue.Current;

        Assert.Equal([("not_present", false), ("some_evidence", true), ("strong_evidence", true)],
            list.Ratings.Select(r => (r.Code, r.EvidenceRequired)));
        Assert.Equal(["low", "medium", "high"], list.Priorities.Select(p => p.Code));
    }

    [Fact]
    public void R_AS4_lists_are_found_by_version_and_an_unknown_version_is_none()
    {
        Assert.Contains("arms-factors-v1", ArmsFactorCatalogue.Versions);
        Assert.Same(ArmsFactorCatalogue.Current, ArmsFactorCatalogue.Find("arms-factors-v1"));
        Assert.Null(ArmsFactorCatalogue.Find("arms-factors-v99"));
        Assert.Null(ArmsFactorCatalogue.Find(null));
    }

    [Fact]
    public void R_AS4_every_factor_rated_once_with_its_evidence_is_valid()
    {
        Complete().Validate("arms");
    }

    [Fact]
    public void R_AS4_not_present_needs_no_evidence()
    {
        Replace(0, new ArmsFactorRating("sexual_preoccupation", "not_present", null)).Validate("arms");
    }

    [Fact]
    public void R_AS4_a_factor_not_on_the_list_is_refused()
    {
        var ratings = Complete() with { Ratings = [.. Complete().Ratings, new ArmsFactorRating("shoe_size", "some_evidence", "e")] };

        AssertRefused(ratings, "arms.ratings[11].factor");
    }

    [Fact]
    public void R_AS4_a_factor_rated_twice_is_refused()
    {
        var ratings = Complete() with { Ratings = [.. Complete().Ratings, new ArmsFactorRating("hostile_orientation", "not_present", null)] };

        AssertRefused(ratings, "arms.ratings[11].factor");
    }

    [Fact]
    public void R_AS4_a_factor_left_unrated_is_refused()
    {
        var ratings = Complete() with { Ratings = Complete().Ratings.Where(r => r.Factor != "commitment_to_desist").ToList() };

        var e = AssertRefused(ratings, "arms.ratings");
        Assert.Contains("commitment_to_desist", e.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("some_evidence")]
    [InlineData("strong_evidence")]
    public void R_AS4_a_rating_of_evidence_without_the_evidence_is_refused(string rating)
    {
        AssertRefused(Replace(2, new ArmsFactorRating("emotional_congruence_with_children", rating, "  ")), "arms.ratings[2].evidence");
    }

    [Theory]
    [InlineData("")]
    [InlineData("SOME_EVIDENCE")]
    [InlineData("moderate")]
    public void R_AS4_a_rating_off_the_scale_is_refused(string rating)
    {
        AssertRefused(Replace(3, new ArmsFactorRating("hostile_orientation", rating, "e")), "arms.ratings[3].rating");
    }

    [Fact]
    public void R_AS4_oversized_evidence_is_refused()
    {
        var evidence = new string('e', ArmsRatings.MaxEvidenceLength + 1);

        AssertRefused(Replace(4, new ArmsFactorRating("poor_self_management", "strong_evidence", evidence)), "arms.ratings[4].evidence", rule: null);
    }

    [Fact]
    public void R_AS4_an_unknown_list_version_is_refused()
    {
        AssertRefused(Complete() with { FactorListVersion = "arms-factors-v99" }, "arms.factor_list_version");
    }

    [Fact]
    public void R_AS4_a_priority_off_the_list_is_refused()
    {
        AssertRefused(Complete() with { Priority = "urgent" }, "arms.priority");
    }

    [Fact]
    public void R_AS4_a_missing_or_oversized_case_formulation_is_refused()
    {
        AssertRefused(Complete() with { CaseFormulation = "" }, "arms.case_formulation");
        AssertRefused(Complete() with { CaseFormulation = new string('f', ArmsRatings.MaxCaseFormulationLength + 1) }, "arms.case_formulation", rule: null);
    }

    [Fact]
    public void R_AS4_more_ratings_than_the_bound_are_refused_before_any_is_read()
    {
        var flood = Enumerable.Range(0, ArmsRatings.MaxRatings + 1).Select(_ => new ArmsFactorRating("x", "y", null)).ToList();

        AssertRefused(Complete() with { Ratings = flood }, "arms.ratings");
    }

    /// <summary>A synthetic, complete ARMS: every factor of the current list rated, evidence where the scale needs it.</summary>
    private static ArmsRatings Complete() => new(
        ArmsFactorCatalogue.CurrentVersion,
        ArmsFactorCatalogue.Current.Factors
            .Select((f, i) => new ArmsFactorRating(f.Code, i % 2 == 0 ? "some_evidence" : "not_present", i % 2 == 0 ? "Synthetic evidence for a test." : null))
            .ToList(),
        "medium",
        "A synthetic case formulation.");

    private static ArmsRatings Replace(int index, ArmsFactorRating rating)
    {
        var ratings = Complete().Ratings.ToList();
        ratings[index] = rating;
        return Complete() with { Ratings = ratings };
    }

    /// <summary>Refused with exactly one problem, on <paramref name="field"/>, citing <paramref name="rule"/> (a size bound cites none).</summary>
    private static FieldProblem AssertRefused(ArmsRatings ratings, string field, string? rule = "R-AS4")
    {
        var e = Assert.Throws<ValidationFailedException>(() => ratings.Validate("arms"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal(rule, problem.RuleId);
        return problem;
    }
}
