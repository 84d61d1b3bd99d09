using OffenderRisk.Interventions.Domain;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Turns an intervention as sent by a caller into validated details, naming every bad field by
/// its path in the request (for example <c>intervention.objective</c>): first malformed input
/// (INVALID_ARGUMENT, every problem at once), then R-MG9 and R-MG8 (FAILED_PRECONDITION).
/// Nothing is written on failure.
/// </summary>
public static class InterventionValidation
{
    public static InterventionDetails Validate(Contract.Intervention intervention, string prefix)
    {
        var v = new Validator();

        var nominalId = NominalNames.Check(v, intervention.Nominal, $"{prefix}.nominal");

        v.DefinedEnum($"{prefix}.kind", intervention.Kind)
         .DefinedEnum($"{prefix}.type", intervention.Type, required: false);

        foreach (var (field, value) in new[]
        {
            ("description", intervention.Description),
            ("objective", intervention.Objective),
            ("enforcement", intervention.Enforcement),
            ("suitability", intervention.Suitability),
            ("lawfulness_and_proportionality", intervention.LawfulnessAndProportionality),
            ("negative_consequences", intervention.NegativeConsequences),
        })
        {
            v.MaxLength($"{prefix}.{field}", value);
        }

        var articles = intervention.EchrArticlesConsidered;
        for (var i = 0; i < articles.Count; i++)
        {
            v.DefinedEnum($"{prefix}.echr_articles_considered[{i}]", articles[i]);
        }
        v.Check(articles.Distinct().Count() == articles.Count, $"{prefix}.echr_articles_considered", "must not name the same article twice");
        v.ThrowIfInvalid();

        var kind = (InterventionKind)intervention.Kind;
        var type = InterventionCatalogue.ResolveType(kind, (InterventionType)intervention.Type, $"{prefix}.type");
        var analysis = SystematicAnalysis.Require(new SystematicAnalysis(
            intervention.Objective,
            intervention.Enforcement,
            intervention.Suitability,
            intervention.LawfulnessAndProportionality,
            articles.Select(a => (EchrArticle)a).ToArray(),
            intervention.NegativeConsequences), prefix);
        return new InterventionDetails(nominalId!, kind, type, intervention.Description, analysis);
    }
}
