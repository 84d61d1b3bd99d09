using Grpc.Core;

namespace OffenderRisk.Client;

/// <summary>Whether to try a refused call again, and after how long.</summary>
public readonly record struct RetryDecision(bool Retry, TimeSpan Delay)
{
    public static readonly RetryDecision Stop = new(false, TimeSpan.Zero);
}

/// <summary>
/// When a refused call is tried again, as the gateway expects. Pure: the interceptor supplies the
/// attempt count, the time left before the deadline and the jitter.
/// <list type="bullet">
/// <item>UNAVAILABLE (a service down, answered by the gateway; storage or an agency unavailable,
/// answered by a service): retried with exponential backoff when the call is safe to repeat
/// (a read, or a create with its request id). A change without a request id is not retried: the
/// gateway also answers UNAVAILABLE when a call broke after the service received it, so a repeat
/// could act twice.</item>
/// <item>RESOURCE_EXHAUSTED with a RetryInfo (the gateway's rate limiter): retried after exactly
/// the delay it asks, for any call when the gateway refused it (it never forwarded the call),
/// otherwise only when safe. Without RetryInfo (e.g. a request over the size limits) it is final.</item>
/// <item>Everything else is final. No retry outlives the call's deadline or the attempt limit.</item>
/// </list>
/// </summary>
public static class RetryPolicy
{
    /// <param name="error">The refusal.</param>
    /// <param name="safety">What a repeat of this call could do.</param>
    /// <param name="attemptsMade">Attempts so far, the refused one included (1 after the first).</param>
    /// <param name="timeLeft">Until the call's deadline.</param>
    /// <param name="options">Attempt limit and backoff.</param>
    /// <param name="jitter">A number in [0, 1) spreading UNAVAILABLE backoffs (half to the whole backoff).</param>
    public static RetryDecision Decide(OffenderRiskError error, CallSafety safety, int attemptsMade, TimeSpan timeLeft, OffenderRiskRetryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        if (attemptsMade >= Math.Clamp(options.MaxAttempts, 1, 10))
        {
            return RetryDecision.Stop;
        }
        TimeSpan delay;
        switch (error.Code)
        {
            case StatusCode.Unavailable when safety != CallSafety.Unsafe:
                var backoff = options.InitialBackoff * Math.Pow(2, attemptsMade - 1);
                if (backoff > options.MaxBackoff)
                {
                    backoff = options.MaxBackoff;
                }
                delay = backoff * (0.5 + (Math.Clamp(jitter, 0, 1) / 2));
                break;
            case StatusCode.ResourceExhausted when error.RetryDelay is { } asked
                && (safety != CallSafety.Unsafe || error.IsFromGateway)
                && asked <= options.MaxRetryInfoDelay:
                delay = asked;
                break;
            default:
                return RetryDecision.Stop;
        }
        // Waiting past the deadline would only end in DEADLINE_EXCEEDED; the refusal says more.
        return delay < timeLeft ? new RetryDecision(true, delay) : RetryDecision.Stop;
    }
}
