namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The periods operators may tune, bound from configuration section <c>Rules</c>; the defaults
/// are the rulebook's.
/// </summary>
public sealed class NominalRules
{
    public const string Section = "Rules";

    /// <summary>
    /// R-AS5: a police ARMS is due within this many working days of a change of lead agency (and,
    /// as the rulebook sets no other period, after a conviction-to-sentence gap or a significant
    /// change, R-RM6). Rulebook: 15.
    /// </summary>
    public int ArmsWorkingDays { get; set; } = 15;

    /// <summary>R-AS5: more than this many days between conviction and sentencing requires an ARMS. Rulebook: 42 (six weeks).</summary>
    public int ConvictionSentenceGapDays { get; set; } = 42;

    /// <summary>
    /// How often the obligations sweep looks for scheduled obligations that have arisen (the
    /// six-week ARMS of R-AS5 arises on day 42) and announces them on the change feed.
    /// </summary>
    public TimeSpan ObligationSweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// R-AS7: how many months after its countersign date an ARMS at each level is next reviewed
    /// (<c>Rules:AssessmentReviewMonths:Low</c> and so on). These are local policy: R-AS7 and R-MR2
    /// leave the period to each force, so the defaults (12, 6, 3 and 1 months) are this service's
    /// choice, not the rulebook's.
    /// </summary>
    public AssessmentReviewMonths AssessmentReviewMonths { get; set; } = new();

    /// <summary>
    /// R-MR4, R-MG3: days after a nominal becomes actively managed by which its police risk
    /// management plan is due (<c>Rules:PlanDueDays</c>). The rulebook sets no period; default 28.
    /// </summary>
    public int PlanDueDays { get; set; } = 28;

    /// <summary>
    /// R-MR4: days from a completed home visit (or from management becoming active) to the next
    /// visit, per current risk level (<c>Rules:HomeVisitIntervalDays:Low</c> and so on). Local
    /// policy: the rulebook sets no visiting period, so the defaults are this service's choice.
    /// </summary>
    public HomeVisitIntervalDays HomeVisitIntervalDays { get; set; } = new();

    /// <summary>Why the rules cannot be used; null when they can (checked at start-up).</summary>
    public string? Problem() =>
        ArmsWorkingDays < 1 || ConvictionSentenceGapDays < 1 || ObligationSweepInterval <= TimeSpan.Zero
            ? "Rules: ArmsWorkingDays and ConvictionSentenceGapDays must be at least 1, and ObligationSweepInterval positive."
            : PlanDueDays is < 1 or > HomeVisitIntervalDays.MaxDays
                ? $"Rules:PlanDueDays must be 1 to {HomeVisitIntervalDays.MaxDays} days."
                : AssessmentReviewMonths.Problem() ?? HomeVisitIntervalDays.Problem();
}

/// <summary>
/// R-MR4, R-RM5: days from a completed home visit to the next, per current level (local policy:
/// the rulebook sets no period). A nominal with no countersigned assessment yet is visited as
/// <see cref="Unassessed"/> says.
/// </summary>
public sealed class HomeVisitIntervalDays
{
    /// <summary>Default 180.</summary>
    public int Low { get; set; } = 180;

    /// <summary>Default 120.</summary>
    public int Medium { get; set; } = 120;

    /// <summary>Default 60.</summary>
    public int High { get; set; } = 60;

    /// <summary>Default 30.</summary>
    public int VeryHigh { get; set; } = 30;

    /// <summary>No countersigned assessment yet. Default 60.</summary>
    public int Unassessed { get; set; } = 60;

    public const int MaxDays = 730;

    /// <summary>The interval at <paramref name="level"/>; null (no assessment) or unspecified is <see cref="Unassessed"/>.</summary>
    public int For(RiskLevel? level) => level switch
    {
        RiskLevel.Low => Low,
        RiskLevel.Medium => Medium,
        RiskLevel.High => High,
        RiskLevel.VeryHigh => VeryHigh,
        _ => Unassessed,
    };

    public string? Problem() =>
        new[] { Low, Medium, High, VeryHigh, Unassessed }.All(d => d is >= 1 and <= MaxDays)
            ? null
            : $"Rules:HomeVisitIntervalDays: Low, Medium, High, VeryHigh and Unassessed must each be 1 to {MaxDays} days.";
}

/// <summary>R-AS7: months from a countersigned ARMS to its next review, per overall level (local policy).</summary>
public sealed class AssessmentReviewMonths
{
    /// <summary>Default 12.</summary>
    public int Low { get; set; } = 12;

    /// <summary>Default 6.</summary>
    public int Medium { get; set; } = 6;

    /// <summary>Default 3.</summary>
    public int High { get; set; } = 3;

    /// <summary>Default 1.</summary>
    public int VeryHigh { get; set; } = 1;

    public const int MaxMonths = 36;

    /// <summary>The months for <paramref name="level"/>; an unspecified level is reviewed as soon as a high one (the cautious choice).</summary>
    public int For(RiskLevel level) => level switch
    {
        RiskLevel.Low => Low,
        RiskLevel.Medium => Medium,
        RiskLevel.VeryHigh => VeryHigh,
        _ => High,
    };

    public string? Problem() =>
        new[] { Low, Medium, High, VeryHigh }.All(m => m is >= 1 and <= MaxMonths)
            ? null
            : $"Rules:AssessmentReviewMonths: Low, Medium, High and VeryHigh must each be 1 to {MaxMonths} months.";
}
