namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// One agency's connection settings: configuration section <c>Agencies:&lt;Agency&gt;</c>
/// (<c>Pnc</c>, <c>Pnd</c>, <c>Dvla</c>, <c>Hmpo</c>). Every default here is documented in the
/// README ("Identity checks: configuration").
/// </summary>
public sealed class AgencyOptions
{
    public const string SectionName = "Agencies";

    /// <summary>The agency's base URL, e.g. <c>http://127.0.0.1:9101/</c> for the PNC stub.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as <c>X-Client-Id</c> on every call; the agencies refuse calls without it.</summary>
    public string ClientId { get; set; } = "offenderrisk-identity-checks";

    /// <summary>Answers larger than this are rejected unread beyond the limit (untrusted input). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public AgencyResilienceOptions Resilience { get; set; } = new();
}

/// <summary>
/// The agency's resilience pipeline (<c>Agencies:&lt;Agency&gt;:Resilience</c>), outermost first:
/// rate limiter (R-IC3), total timeout, retry, circuit breaker, attempt timeout.
/// </summary>
public sealed class AgencyResilienceOptions
{
    /// <summary>Longest wait for one attempt's response headers. Default 5 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the whole call, retries and body included. Default 20 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public AgencyRetryOptions Retry { get; set; } = new();

    public AgencyCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public AgencyRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>
/// Retries of transient failures (5xx, 408, 429, timeouts, dropped connections), only for calls
/// that are safe to repeat: read-only lookups and marker placements carrying an Idempotency-Key.
/// </summary>
public sealed class AgencyRetryOptions
{
    /// <summary>Retries after the first attempt. Default 3; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay, doubled per retry with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest back-off delay. Default 10 s. A Retry-After from the agency is honoured instead.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Stops calling an agency that keeps failing, so that it can recover and callers fail fast. Only
/// the agency's own failures count (5xx, timeouts, dropped connections): an answer the caller
/// caused (any other 4xx, including 429 for going over the agency's limit) does not open the
/// circuit for everyone.
/// </summary>
public sealed class AgencyCircuitBreakerOptions
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The per-agency volume limit (R-IC3): a sliding window of the calls that left for the agency from
/// any replica of the service (<see cref="AgencyCallLog"/>), and each force's share of it. A call
/// over either limit is refused at once with when to retry; it never waits in a queue.
/// </summary>
public sealed class AgencyRateLimitOptions
{
    /// <summary>Calls allowed per window, all forces together. Default 60.</summary>
    public int PermitLimit { get; set; } = 60;

    /// <summary>
    /// Calls one force may make per window. Default 20: one force's burst leaves two thirds of the
    /// default agency limit to the others. A value at or above <see cref="PermitLimit"/> gives a
    /// force no separate share: the agency's limit alone applies.
    /// </summary>
    public int ForcePermitLimit { get; set; } = 20;

    /// <summary>Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
