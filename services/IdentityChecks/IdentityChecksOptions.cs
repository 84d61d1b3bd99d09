using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks;

/// <summary>
/// Configuration section <c>IdentityChecks</c>: the periods operators tune. Defaults are the
/// rulebook's values and are documented in the README. (The per-agency rate limits of R-IC3 are
/// under <c>Agencies:&lt;Agency&gt;:Resilience:RateLimit</c>, see AgencyOptions.)
/// </summary>
public sealed class IdentityChecksOptions
{
    public const string SectionName = "IdentityChecks";

    /// <summary>R-IC3: the same enquiry about the same nominal within this window reuses the earlier answer. Default 24 h.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = EnquiryDeduplication.DefaultWindow;

    /// <summary>The requesting unit named in marker requests, before the force code. Default "PPU".</summary>
    public string RequestingUnit { get; set; } = "PPU";

    public OutboxOptions Outbox { get; set; } = new();

    public SchedulerOptions Scheduler { get; set; } = new();
}

/// <summary>The durable outbox that delivers marker requests and discrepancy work items (R-IC5).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the worker looks for due deliveries when idle. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries claimed per pass. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed delivery is reserved for the worker that claimed it. A worker that dies
    /// mid-delivery (crash, kill) releases it when the lease runs out; it must outlast the agency's
    /// total timeout. Default 1 min.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Back-off after the first failed delivery, doubled per failure. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest back-off (a longer Retry-After is still honoured, up to <see cref="MaxRetryAfter"/>). Default 10 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest agency Retry-After honoured, so a bad header cannot park a delivery for ever. Default 1 h.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = DeliveryBackoff.DefaultMaxRetryAfter;
}

/// <summary>The yearly scheduled checks runner (R-RM5).</summary>
public sealed class SchedulerOptions
{
    /// <summary>How often due check sets are looked for. Default 1 min.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a replica holds a due set it claimed to run; if it dies meanwhile, the set is due
    /// again after this. Longer than a run takes (a nominals lookup and two agency calls). Default 5 min.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before retrying an automated check whose agency could not answer. Default 15 min.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>R-RM5: months from one set's due date to the next set's. Default 12 (the checks run yearly).</summary>
    public int CheckSetIntervalMonths { get; set; } = 12;
}
