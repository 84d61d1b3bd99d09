
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS3 (and R-AU3): an assessor may override the computed tool outcome (R-AS2) by professional
/// judgement, but only with a recorded rationale and justification; otherwise the assessment is
/// refused. The tool's outcome is never replaced: the assessment keeps both levels and the reasons.
/// Without a tool outcome (no OSP inputs) the level stands on judgement alone and is no override.
/// </summary>
public static class ProfessionalOverride
{
    public const string RuleId = "R-AS3";

    public const string RationaleField = "override_rationale";
    public const string JustificationField = "override_justification";

    /// <summary>
    /// Checks the override reasons against the levels. With no tool outcome, or a final level that
    /// agrees with it, reasons given for an override that did not happen are INVALID_ARGUMENT (they
    /// would mislead a reader). Throws <see cref="RuleViolationException"/> naming the first missing
    /// field when the levels differ and the rationale or justification is missing.
    /// </summary>
    public static void Check(RiskLevel toolOutcome, RiskLevel finalLevel, string? rationale, string? justification, string prefix)
    {
        if (toolOutcome == RiskLevel.Unspecified || finalLevel == toolOutcome)
        {
            var because = toolOutcome == RiskLevel.Unspecified
                ? "must be empty: without OSP inputs there is no tool outcome to override"
                : "must be empty when the overall level equals the computed tool outcome";
            new Validator()
                .Check(string.IsNullOrEmpty(rationale), $"{prefix}.{RationaleField}", because, RuleId)
                .Check(string.IsNullOrEmpty(justification), $"{prefix}.{JustificationField}", because, RuleId)
                .ThrowIfInvalid();
            return;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(rationale))
        {
            missing.Add(RationaleField);
        }
        if (string.IsNullOrWhiteSpace(justification))
        {
            missing.Add(JustificationField);
        }
        if (missing.Count > 0)
        {
            throw new RuleViolationException(RuleId, $"{prefix}.{missing[0]}",
                $"the overall level {Describe(finalLevel)} overrides the computed tool outcome {Describe(toolOutcome)}; "
                + $"an override by professional judgement needs a rationale and a justification (missing: {string.Join(", ", missing)})");
        }
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
