
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS3 (and R-AU3): an assessor may override a tool's outcome by professional judgement, but
/// only with a recorded rationale and justification; otherwise the assessment is refused. The
/// tool's outcome is never replaced: the assessment keeps both levels and the reasons.
/// </summary>
public sealed record ProfessionalOverride(string Rationale, string Justification)
{
    public const string RuleId = "R-AS3";

    /// <summary>
    /// The override the levels call for: null when the final level agrees with the tool. Throws
    /// <see cref="RuleViolationException"/> naming the first missing field when the levels differ
    /// and the rationale or justification is missing.
    /// </summary>
    public static ProfessionalOverride? Require(RiskLevel toolOutcome, RiskLevel finalLevel, string? rationale, string? justification, string prefix)
    {
        if (finalLevel == toolOutcome)
        {
            return null;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(rationale))
        {
            missing.Add("override_rationale");
        }
        if (string.IsNullOrWhiteSpace(justification))
        {
            missing.Add("override_justification");
        }
        if (missing.Count > 0)
        {
            throw new RuleViolationException(RuleId, $"{prefix}.{missing[0]}",
                $"the final level {Describe(finalLevel)} overrides the tool's outcome {Describe(toolOutcome)}; "
                + $"an override by professional judgement needs a rationale and a justification (missing: {string.Join(", ", missing)})");
        }
        return new ProfessionalOverride(rationale!, justification!);
    }

    private static string Describe(RiskLevel level) => level switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.VeryHigh => "very high",
        _ => "unspecified",
    };
}
