using OffenderRisk.Contracts.Interventions.V1;
using Domain = OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>R-MG8: every intervention records its systematic analysis; missing any part is refused.</summary>
public sealed class SystematicAnalysisTests
{
    [Theory]
    [InlineData("objective")]
    [InlineData("enforcement")]
    [InlineData("suitability")]
    [InlineData("lawfulness_and_proportionality")]
    [InlineData("negative_consequences")]
    public void R_MG8_a_missing_part_of_the_analysis_is_refused_naming_it(string field)
    {
        var intervention = InterventionExamples.Curfew();
        Clear(intervention, field);

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("R-MG8", e.RuleId);
        Assert.Equal("intervention." + field, e.Field);
    }

    [Fact]
    public void R_MG8_whitespace_is_not_an_analysis()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Suitability = " \n\t ";

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("intervention.suitability", e.Field);
    }

    [Fact]
    public void R_MG8_article_8_not_considered_is_refused()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.EchrArticlesConsidered.Remove(EchrArticle.RightToPrivateAndFamilyLife);

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("R-MG8", e.RuleId);
        Assert.Equal("intervention.echr_articles_considered", e.Field);
        Assert.Contains("Article 8", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_MG8_no_articles_considered_is_refused()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.EchrArticlesConsidered.Clear();

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("intervention.echr_articles_considered", e.Field);
    }

    [Fact]
    public void R_MG8_several_missing_parts_name_the_first_and_list_them_all()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Enforcement = "";
        intervention.NegativeConsequences = "";

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("intervention.enforcement", e.Field);
        Assert.Contains("(enforcement)", e.Description, StringComparison.Ordinal);
        Assert.Contains("(negative_consequences)", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_MG8_a_complete_analysis_is_kept_as_given()
    {
        var intervention = InterventionExamples.Curfew();

        var details = InterventionValidation.Validate(intervention, "intervention");

        Assert.Equal(intervention.Objective, details.Analysis.Objective);
        Assert.Equal(intervention.Enforcement, details.Analysis.Enforcement);
        Assert.Equal(intervention.Suitability, details.Analysis.Suitability);
        Assert.Equal(intervention.LawfulnessAndProportionality, details.Analysis.LawfulnessAndProportionality);
        Assert.Equal(intervention.NegativeConsequences, details.Analysis.NegativeConsequences);
        Assert.Equal(Domain.SystematicAnalysis.RequiredArticles, details.Analysis.EchrArticlesConsidered);
    }

    [Fact]
    public void Text_over_4000_characters_is_invalid_argument_not_a_rule_refusal()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Objective = new string('x', 4001);
        intervention.Enforcement = "";

        var e = Assert.Throws<ValidationFailedException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal(["intervention.objective"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Text_of_exactly_4000_characters_is_accepted()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.NegativeConsequences = new string('x', 4000);

        InterventionValidation.Validate(intervention, "intervention");
    }

    [Fact]
    public void An_article_named_twice_is_invalid()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.EchrArticlesConsidered.Add(EchrArticle.RightToLife);

        var e = Assert.Throws<ValidationFailedException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal(["intervention.echr_articles_considered"], e.Problems.Select(p => p.Field));
    }

    private static void Clear(Intervention intervention, string field)
    {
        switch (field)
        {
            case "objective": intervention.Objective = ""; break;
            case "enforcement": intervention.Enforcement = ""; break;
            case "suitability": intervention.Suitability = ""; break;
            case "lawfulness_and_proportionality": intervention.LawfulnessAndProportionality = ""; break;
            case "negative_consequences": intervention.NegativeConsequences = ""; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
