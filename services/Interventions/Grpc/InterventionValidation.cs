using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Interventions.Domain;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Turns an intervention as sent by a caller into validated details, naming every bad field by
/// its path in the request (for example <c>intervention.objective</c>): first malformed input
/// (INVALID_ARGUMENT, every problem at once), then R-MG9 and R-MG8 (FAILED_PRECONDITION).
/// Nothing is written on failure. An update checks the R-MG8 analysis of the merged result with
/// the same <see cref="SystematicAnalysis.Require"/>, so an update can never blank it.
/// </summary>
public static partial class InterventionValidation
{
    /// <summary>Plan actions one intervention may deliver.</summary>
    public const int MaxPlanActions = 20;

    /// <summary>The fields UpdateIntervention may change (its update_mask paths).</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "description", "objective", "enforcement", "suitability", "lawfulness_and_proportionality",
        "echr_articles_considered", "negative_consequences", "plan_actions",
    };

    /// <summary>The free-text fields, by their contract names.</summary>
    private static IEnumerable<(string Field, string Value)> Texts(Contract.Intervention i) =>
    [
        ("description", i.Description),
        ("objective", i.Objective),
        ("enforcement", i.Enforcement),
        ("suitability", i.Suitability),
        ("lawfulness_and_proportionality", i.LawfulnessAndProportionality),
        ("negative_consequences", i.NegativeConsequences),
    ];

    /// <summary>
    /// "plans/{plan}/actions/{action}": the plan a UUID (lower case, as the service writes it), the
    /// action the author's id (a lower-case letter, then up to 39 lower-case letters, digits or "-").
    /// </summary>
    [GeneratedRegex(@"\Aplans/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/actions/[a-z][a-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlanActionName();

    public static InterventionDetails Validate(Contract.Intervention intervention, string prefix)
    {
        var v = new Validator();

        var nominalId = NominalNames.Check(v, intervention.Nominal, $"{prefix}.nominal");

        v.DefinedEnum($"{prefix}.kind", intervention.Kind)
         .DefinedEnum($"{prefix}.type", intervention.Type, required: false);
        foreach (var (field, value) in Texts(intervention))
        {
            v.MaxLength($"{prefix}.{field}", value);
        }
        CheckArticles(v, intervention, prefix);
        CheckPlanActions(v, intervention, prefix);
        v.ThrowIfInvalid();

        var kind = (InterventionKind)intervention.Kind;
        var type = InterventionCatalogue.ResolveType(kind, (InterventionType)intervention.Type, $"{prefix}.type");
        var analysis = SystematicAnalysis.Require(new SystematicAnalysis(
            intervention.Objective,
            intervention.Enforcement,
            intervention.Suitability,
            intervention.LawfulnessAndProportionality,
            intervention.EchrArticlesConsidered.Select(a => (EchrArticle)a).ToArray(),
            intervention.NegativeConsequences), prefix);
        return new InterventionDetails(nominalId!, kind, type, intervention.Description, analysis)
        {
            PlanActions = intervention.PlanActions.ToArray(),
        };
    }

    /// <summary>
    /// An update's input, before anything is read: the mask names at least one updatable field, the
    /// etag is there, and each named field is well formed. Returns the named paths and the etag's version.
    /// </summary>
    public static (IReadOnlySet<string> Paths, long ExpectedVersion) ValidateUpdate(Contract.Intervention sent, FieldMask? mask, string prefix)
    {
        var paths = mask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var v = new Validator();
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            v.Add("update_mask", $"'{Bounded(path)}' cannot be updated here (kind, type, status and dates do not change by update)");
        }
        var expectedVersion = Etag.Require(sent.Etag, v, $"{prefix}.etag", "intervention");
        foreach (var (field, value) in Texts(sent).Where(t => paths.Contains(t.Field)))
        {
            v.MaxLength($"{prefix}.{field}", value);
        }
        if (paths.Contains("echr_articles_considered"))
        {
            CheckArticles(v, sent, prefix);
        }
        if (paths.Contains("plan_actions"))
        {
            CheckPlanActions(v, sent, prefix);
        }
        v.ThrowIfInvalid();
        return (paths, expectedVersion);
    }

    /// <summary>
    /// <paramref name="current"/> with the named fields replaced by what was sent; R-MG8 is checked
    /// on the result, so a named part of the analysis sent empty is refused citing R-MG8.
    /// </summary>
    public static InterventionDetails Merge(InterventionDetails current, Contract.Intervention sent, IReadOnlySet<string> paths, string prefix)
    {
        string Pick(string field, string sentValue, string currentValue) => paths.Contains(field) ? sentValue : currentValue;
        var a = current.Analysis;
        var analysis = SystematicAnalysis.Require(new SystematicAnalysis(
            Pick("objective", sent.Objective, a.Objective),
            Pick("enforcement", sent.Enforcement, a.Enforcement),
            Pick("suitability", sent.Suitability, a.Suitability),
            Pick("lawfulness_and_proportionality", sent.LawfulnessAndProportionality, a.LawfulnessAndProportionality),
            paths.Contains("echr_articles_considered") ? sent.EchrArticlesConsidered.Select(e => (EchrArticle)e).ToArray() : a.EchrArticlesConsidered,
            Pick("negative_consequences", sent.NegativeConsequences, a.NegativeConsequences)), prefix);
        return current with
        {
            Description = Pick("description", sent.Description, current.Description),
            Analysis = analysis,
            PlanActions = paths.Contains("plan_actions") ? sent.PlanActions.ToArray() : current.PlanActions,
        };
    }

    private static void CheckArticles(Validator v, Contract.Intervention intervention, string prefix)
    {
        var articles = intervention.EchrArticlesConsidered;
        var field = $"{prefix}.echr_articles_considered";
        for (var i = 0; i < articles.Count; i++)
        {
            v.DefinedEnum($"{field}[{i}]", articles[i]);
        }
        v.Check(articles.Distinct().Count() == articles.Count, field, "must not name the same article twice");
    }

    private static void CheckPlanActions(Validator v, Contract.Intervention intervention, string prefix)
    {
        var actions = intervention.PlanActions;
        var field = $"{prefix}.plan_actions";
        if (actions.Count > MaxPlanActions)
        {
            v.Add(field, $"must name at most {MaxPlanActions} plan actions");
            return;
        }
        for (var i = 0; i < actions.Count; i++)
        {
            v.Check(PlanActionName().IsMatch(actions[i]), $"{field}[{i}]", "must be a plan action's name, plans/{uuid}/actions/{id}");
        }
        v.Check(actions.Distinct(StringComparer.Ordinal).Count() == actions.Count, field, "must not name the same plan action twice");
    }

    /// <summary>A caller's path echoed back in an error, cut short so an error stays small.</summary>
    private static string Bounded(string path) => path.Length <= 64 ? path : path[..64] + "...";
}
