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
}
