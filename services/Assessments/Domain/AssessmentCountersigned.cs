namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// What the change feed says when an assessment is countersigned and becomes current (R-AS8): ids
/// and codes only. The nominals service follows it to satisfy ARMS obligations, know the
/// nominal's current level and risk-to-children conclusion, and raise the next review (R-AS7).
/// </summary>
public sealed record AssessmentCountersigned(
    string AssessmentId,
    string NominalId,
    string ForceCode,
    AssessmentKind Kind,
    RiskLevel Level,
    DateOnly CountersignDate,
    RiskToChildrenConclusion RiskToChildren,
    string? SupersededId,
    string CountersignedBy);
