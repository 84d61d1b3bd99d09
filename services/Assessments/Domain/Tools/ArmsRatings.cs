namespace OffenderRisk.Assessments.Domain.Tools;

/// <summary>One factor's rating and the evidence it rests on.</summary>
public sealed record ArmsFactorRating(string? Factor, string? Rating, string? Evidence);

/// <summary>
/// An ARMS as the assessor records it (R-AS2, R-AS4): every factor of one version of the list
/// rated once, each rating on that list's scale with the evidence it rests on, a priority for the
/// work and a case formulation. Codes are the list's ("sexual_preoccupation", "some_evidence").
/// </summary>
public sealed record ArmsRatings(string? FactorListVersion, IReadOnlyList<ArmsFactorRating> Ratings, string? Priority, string? CaseFormulation)
{
    public const string RuleId = "R-AS4";

    /// <summary>More ratings than this are refused before any is read, whatever the list's length.</summary>
    public const int MaxRatings = 64;

    public const int MaxEvidenceLength = Validator.DefaultMaxTextLength;
    public const int MaxCaseFormulationLength = 2 * Validator.DefaultMaxTextLength;

    public const string FactorListVersionField = "factor_list_version";
    public const string RatingsField = "ratings";
    public const string PriorityField = "priority";
    public const string CaseFormulationField = "case_formulation";

    /// <summary>Refuses a set that is incomplete, off the list or off the scale, with INVALID_ARGUMENT naming every field at fault.</summary>
    public void Validate(string prefix) => Check(new Validator(), prefix).ThrowIfInvalid();

    /// <summary>Adds a problem to <paramref name="v"/> for everything wrong with the set, under <paramref name="prefix"/>.</summary>
    public Validator Check(Validator v, string prefix)
    {
        string F(string field) => $"{prefix}.{field}";

        v.Required(F(CaseFormulationField), CaseFormulation, RuleId).MaxLength(F(CaseFormulationField), CaseFormulation, MaxCaseFormulationLength);
        var list = ArmsFactorCatalogue.Find(FactorListVersion);
        if (list is null)
        {
            return v.Add(F(FactorListVersionField), $"must be a version of the ARMS factor list (current: {ArmsFactorCatalogue.CurrentVersion})", RuleId);
        }
        v.Check(list.HasPriority(Priority), F(PriorityField), $"must be one of {Codes(list.Priorities.Select(p => p.Code))}", RuleId);
        if (Ratings.Count > MaxRatings)
        {
            return v.Add(F(RatingsField), $"must have at most {MaxRatings} entries", RuleId);
        }

        var rated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Ratings.Count; i++)
        {
            var (factor, rating, evidence) = Ratings[i];
            var at = F($"{RatingsField}[{i}]");
            if (list.Factor(factor) is null)
            {
                v.Add($"{at}.factor", $"must be a factor of {list.Version}", RuleId);
            }
            else if (!rated.Add(factor!))
            {
                v.Add($"{at}.factor", "is rated more than once", RuleId);
            }
            var point = list.Rating(rating);
            if (point is null)
            {
                v.Add($"{at}.rating", $"must be one of {Codes(list.Ratings.Select(r => r.Code))}", RuleId);
            }
            else if (point.EvidenceRequired)
            {
                v.Required($"{at}.evidence", evidence, RuleId);
            }
            v.MaxLength($"{at}.evidence", evidence, MaxEvidenceLength);
        }
        foreach (var missing in list.Factors.Where(f => !rated.Contains(f.Code)))
        {
            v.Add(F(RatingsField), $"must rate {missing.Code}: every factor of {list.Version} is rated", RuleId);
        }
        return v;
    }

    private static string Codes(IEnumerable<string> codes) => string.Join(", ", codes);
}
