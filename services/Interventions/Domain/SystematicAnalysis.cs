namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// R-MG8: every intervention is recorded with a systematic analysis of what it is to achieve, how
/// it is enforced and why it is suitable, its lawfulness and proportionality weighed against ECHR
/// Articles 2, 3 and 8, and its potential negative consequences. Missing any part is refused.
/// </summary>
public sealed record SystematicAnalysis(
    string Objective,
    string Enforcement,
    string Suitability,
    string LawfulnessAndProportionality,
    IReadOnlyList<EchrArticle> EchrArticlesConsidered,
    string NegativeConsequences)
{
    public const string RuleId = "R-MG8";

    /// <summary>The articles the APP names: each must be recorded as considered.</summary>
    public static readonly IReadOnlyList<EchrArticle> RequiredArticles =
        [EchrArticle.RightToLife, EchrArticle.ProhibitionOfTorture, EchrArticle.RightToPrivateAndFamilyLife];

    /// <summary>
    /// The analysis as recorded (articles in order) when it is complete; throws
    /// <see cref="RuleViolationException"/> naming the first missing part (and listing every
    /// missing part in its description).
    /// </summary>
    public static SystematicAnalysis Require(SystematicAnalysis analysis, string prefix)
    {
        var missing = new List<(string Field, string What)>();
        void Text(string field, string value, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add((field, what));
            }
        }

        Text("objective", analysis.Objective, "what it is to achieve");
        Text("enforcement", analysis.Enforcement, "how it is enforced");
        Text("suitability", analysis.Suitability, "why it is suitable");
        Text("lawfulness_and_proportionality", analysis.LawfulnessAndProportionality, "its lawfulness and proportionality");
        var unconsidered = RequiredArticles.Where(a => !analysis.EchrArticlesConsidered.Contains(a)).ToArray();
        if (unconsidered.Length > 0)
        {
            missing.Add(("echr_articles_considered",
                "the ECHR articles weighed (not yet: " + string.Join(", ", unconsidered.Select(a => "Article " + (int)a)) + ")"));
        }
        Text("negative_consequences", analysis.NegativeConsequences, "its potential negative consequences");

        if (missing.Count > 0)
        {
            throw new RuleViolationException(RuleId, $"{prefix}.{missing[0].Field}",
                "an intervention must record " + string.Join("; ", missing.Select(m => $"{m.What} ({m.Field})")));
        }

        return analysis with { EchrArticlesConsidered = analysis.EchrArticlesConsidered.Order().ToArray() };
    }
}
