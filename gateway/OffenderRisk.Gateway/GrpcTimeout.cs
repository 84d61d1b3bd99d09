using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace OffenderRisk.Gateway;

/// <summary>
/// The gRPC <c>grpc-timeout</c> request header: an integer of at most 8 digits and a unit,
/// H (hours), M (minutes), S (seconds), m (milliseconds), u (microseconds) or n (nanoseconds).
/// </summary>
public static class GrpcTimeout
{
    public const string HeaderName = "grpc-timeout";

    private const long MaxAmount = 99_999_999;

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9
            || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        // At most 99,999,999 hours: within TimeSpan's range, so none of these overflow.
        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => (amount + 99) / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>The header value for a positive timeout: whole seconds as <c>30S</c>, otherwise
    /// milliseconds rounded up as <c>500m</c>, moving to coarser units past 8 digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var ticks = timeout.Ticks;
        if (ticks % TimeSpan.TicksPerSecond == 0 && ticks / TimeSpan.TicksPerSecond <= MaxAmount)
        {
            return Amount(ticks / TimeSpan.TicksPerSecond, 'S');
        }
        foreach (var (unitTicks, unit) in Units)
        {
            var amount = (ticks + unitTicks - 1) / unitTicks;
            if (amount <= MaxAmount)
            {
                return Amount(amount, unit);
            }
        }
        return Amount(MaxAmount, 'H');
    }

    private static readonly (long Ticks, char Unit)[] Units =
    [
        (TimeSpan.TicksPerMillisecond, 'm'),
        (TimeSpan.TicksPerSecond, 'S'),
        (TimeSpan.TicksPerMinute, 'M'),
        (TimeSpan.TicksPerHour, 'H'),
    ];

    private static string Amount(long amount, char unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + unit;

    /// <summary>
    /// How long the gateway lets a call run: the caller's deadline, cut to
    /// <paramref name="maxDeadline"/>, or <paramref name="defaultDeadline"/> when it sent none (or a
    /// malformed or repeated one). The same rule as <see cref="ForwardedValue"/>.
    /// </summary>
    public static TimeSpan Effective(StringValues incoming, TimeSpan defaultDeadline, TimeSpan maxDeadline) =>
        incoming.Count == 1 && TryParse(incoming[0], out var requested)
            ? (requested > maxDeadline ? maxDeadline : requested)
            : defaultDeadline;

    /// <summary>
    /// The <c>grpc-timeout</c> to send on, or null to forward the caller's unchanged. A missing or
    /// malformed header gets <paramref name="defaultDeadline"/> (the service would otherwise run
    /// the call with no deadline at all); one longer than <paramref name="maxDeadline"/> is cut.
    /// </summary>
    public static string? ForwardedValue(StringValues incoming, TimeSpan defaultDeadline, TimeSpan maxDeadline)
    {
        if (incoming.Count == 1 && TryParse(incoming[0], out var requested))
        {
            return requested > maxDeadline ? Format(maxDeadline) : null;
        }
        return Format(defaultDeadline);
    }
}
