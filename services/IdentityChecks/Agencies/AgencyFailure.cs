using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>Why an agency call produced no usable answer.</summary>
public enum AgencyFailureKind
{
    /// <summary>5xx, or the connection failed or dropped, after any retries.</summary>
    Unavailable,
    /// <summary>The agency throttled us (429) after any retries.</summary>
    Throttled,
    /// <summary>No answer within the attempt or total timeout.</summary>
    TimedOut,
    /// <summary>The circuit is open: the agency failed repeatedly and is being left alone.</summary>
    CircuitOpen,
    /// <summary>Our own per-agency rate limit (R-IC3) refused the call; it never left the service.</summary>
    RateLimited,
    /// <summary>The answer was oversized, empty or malformed; it was discarded, never stored.</summary>
    ResponseRejected,
    /// <summary>The agency refused our client credentials (401/403): a configuration fault.</summary>
    ClientRefused,
}

/// <summary>
/// An agency gave no usable answer. The message names the agency and the kind of failure only,
/// never the identifier asked about. <see cref="RetryAfter"/> carries the agency's Retry-After
/// (or the rate limiter's) where there was one, for the outbox to honour.
/// </summary>
public sealed class AgencyUnavailableException(Agency agency, AgencyFailureKind kind, string description, TimeSpan? retryAfter = null, int attempts = 0)
    : Exception(description)
{
    public Agency Agency { get; } = agency;
    public AgencyFailureKind Kind { get; } = kind;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Requests that reached the network: 0 means nothing was disclosed to the agency.</summary>
    public int Attempts { get; } = attempts;

    public bool TimedOut => Kind == AgencyFailureKind.TimedOut;

    /// <summary>A short code for stored state and span attributes, e.g. "unavailable".</summary>
    public string Code => Kind switch
    {
        AgencyFailureKind.Unavailable => "unavailable",
        AgencyFailureKind.Throttled => "throttled",
        AgencyFailureKind.TimedOut => "timeout",
        AgencyFailureKind.CircuitOpen => "circuit-open",
        AgencyFailureKind.RateLimited => "rate-limited",
        AgencyFailureKind.ResponseRejected => "response-rejected",
        AgencyFailureKind.ClientRefused => "client-refused",
        _ => "failed",
    };

    /// <summary>What an RPC caller gets: UNAVAILABLE, or DEADLINE_EXCEEDED for a timeout.</summary>
    public DependencyUnavailableException ToCallerError() =>
        new(AgencyNames.Key(Agency), Message, TimedOut);
}
