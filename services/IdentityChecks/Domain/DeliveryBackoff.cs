namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// R-IC5: a delivery that failed for a transient reason is tried again, never dropped. Each
/// failure waits longer (exponential, with jitter so that many requests do not retry in step),
/// and never less than the agency's Retry-After.
/// </summary>
public static class DeliveryBackoff
{
    /// <summary>The longest Retry-After honoured when configuration does not set one: an hour.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromHours(1);

    /// <param name="failedAttempts">Failures so far, including the one just seen (1 or more).</param>
    /// <param name="maxRetryAfter">The longest Retry-After honoured, so a bad header cannot park a request for ever.</param>
    /// <param name="jitter">A number in [0, 1): the random part of the delay.</param>
    public static TimeSpan Next(int failedAttempts, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan maxRetryAfter, double jitter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var computed = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks));
        // Jitter: between 80% and 120% of the computed delay, still capped.
        computed = TimeSpan.FromTicks(Math.Min((long)(computed.Ticks * (0.8 + 0.4 * jitter)), maxDelay.Ticks));
        if (retryAfter is { } asked && asked > computed)
        {
            return asked < maxRetryAfter ? asked : maxRetryAfter;
        }
        return computed;
    }
}
