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
    /// R-MR2: how many days after the later of its last review and the level being set a MAPPA level 1
    /// nominal is next reviewed, per current risk level (<c>Rules:MappaLevel1ReviewDays:Low</c> and so
    /// on, and <c>Unassessed</c> before any countersigned assessment). Local policy: the rulebook fixes
    /// only levels 2 and 3 (<see cref="MappaReviewSchedule"/>).
    /// </summary>
    public MappaLevel1ReviewDays MappaLevel1ReviewDays { get; set; } = new();

    /// <summary>
    /// R-MR4: days from a completed home visit (or from management becoming active) to the next
    /// visit, per current risk level (<c>Rules:HomeVisitIntervalDays:Low</c> and so on). Local
    /// policy: the rulebook sets no visiting period, so the defaults are this service's choice.
    /// </summary>
    public HomeVisitIntervalDays HomeVisitIntervalDays { get; set; } = new();

    /// <summary>
    /// R-MG3, R-MG5: a plan obligation is due this many days after it arises (the police plan once
    /// managed, the MAPPA plan once level 2 or 3 is set). The rulebook sets no period: local policy,
    /// default 28.
    /// </summary>
    public int PlanDueDays { get; set; } = 28;

    public const int MaxPlanDueDays = 365;

    /// <summary>Why the rules cannot be used; null when they can (checked at start-up).</summary>
    public string? Problem() =>
        ArmsWorkingDays < 1 || ConvictionSentenceGapDays < 1 || ObligationSweepInterval <= TimeSpan.Zero
            ? "Rules: ArmsWorkingDays and ConvictionSentenceGapDays must be at least 1, and ObligationSweepInterval positive."
            : PlanDueDays is < 1 or > MaxPlanDueDays
                ? $"Rules:PlanDueDays must be 1 to {MaxPlanDueDays}."
                : AssessmentReviewMonths.Problem() ?? MappaLevel1ReviewDays.Problem() ?? HomeVisitIntervalDays.Problem();
}

/// <summary>
/// A local policy of days per current risk level (<see cref="Unassessed"/> before any countersigned
/// assessment), bound from <c>Rules:{key}</c>; each 1 to <see cref="MaxDays"/>.
/// </summary>
public abstract class DaysByRiskLevel(string key, int low, int medium, int high, int veryHigh, int unassessed)
{
    public int Low { get; set; } = low;

    public int Medium { get; set; } = medium;

    public int High { get; set; } = high;

    public int VeryHigh { get; set; } = veryHigh;

    /// <summary>No countersigned assessment yet.</summary>
    public int Unassessed { get; set; } = unassessed;

    public const int MaxDays = 730;

    /// <summary>The days at <paramref name="level"/>; null (no assessment) or unspecified is <see cref="Unassessed"/>.</summary>
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
            : $"Rules:{key}: Low, Medium, High, VeryHigh and Unassessed must each be 1 to {MaxDays} days.";
}

/// <summary>
/// R-MR2: days from the later of the last review and the level being set to the next review of a
/// MAPPA level 1 nominal (local policy). The defaults are this service's choice: a year at low, six
/// months at medium, and the level 2 and level 3 periods (16 and 8 weeks) at high and very high; an
/// unassessed nominal as a high one (the cautious choice, as <see cref="AssessmentReviewMonths.For"/>).
/// </summary>
public sealed class MappaLevel1ReviewDays() : DaysByRiskLevel(nameof(NominalRules.MappaLevel1ReviewDays), 365, 182, 112, 56, 112);

/// <summary>
/// R-MR4, R-RM5: days from a completed home visit to the next (local policy: the rulebook sets no
/// period). Defaults: 180 at low, 120 at medium, 60 at high, 30 at very high, and 60 unassessed.
/// </summary>
public sealed class HomeVisitIntervalDays() : DaysByRiskLevel(nameof(NominalRules.HomeVisitIntervalDays), 180, 120, 60, 30, 60);

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
