using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.ServiceDefaults;

/// <summary>
/// The clock a process keeps its records by. Normally the system clock. In the Development and
/// Testing environments only, <c>Clock:StartAt</c> (an ISO 8601 instant, e.g.
/// <c>2027-01-04T09:00:00Z</c>) starts the process's clock at that instant, from where it runs
/// forward at the normal rate: so that a rehearsal or a test can live through a year of a
/// nominal's management (reviews falling due, three years of assessments) by restarting the suite
/// at later dates on the same storage. Tokens and call deadlines stay on the wall clock
/// (<see cref="Security.TokenIssuer"/>, JwtBearer), which a shifted clock never touches. Anywhere
/// else the setting is refused at start-up: a live system's dates are never anything but real.
/// <c>Clock:StartedAt</c>, the wall-clock instant at which the shifted clock read
/// <c>Clock:StartAt</c>, gives every process of a suite one and the same time: without it each
/// process's clock starts when that process starts, and processes started seconds apart would
/// disagree by those seconds about when things happened.
/// </summary>
public static class SuiteClock
{
    public const string StartAtKey = "Clock:StartAt";
    public const string StartedAtKey = "Clock:StartedAt";

    /// <summary>The system clock, or the shifted one when <c>Clock:StartAt</c> is set where it is allowed.</summary>
    public static TimeProvider For(IConfiguration configuration, IHostEnvironment environment)
    {
        var startAt = configuration[StartAtKey];
        if (string.IsNullOrEmpty(startAt))
        {
            return TimeProvider.System;
        }
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException($"{StartAtKey} is honoured only in the Development and Testing environments.");
        }
        if (!DateTimeOffset.TryParse(startAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            || start.Year is < 2000 or > 2100)
        {
            throw new InvalidOperationException($"{StartAtKey} must be an ISO 8601 instant between the years 2000 and 2100.");
        }
        if (configuration[StartedAtKey] is not { Length: > 0 } startedAt)
        {
            return new Shifted(start.ToUniversalTime() - TimeProvider.System.GetUtcNow());
        }
        if (!DateTimeOffset.TryParse(startedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            || started.Year is < 2000 or > 2100)
        {
            throw new InvalidOperationException($"{StartedAtKey} must be an ISO 8601 instant between the years 2000 and 2100.");
        }
        return new Shifted(start.ToUniversalTime() - started.ToUniversalTime());
    }

    /// <summary>The system clock moved by <paramref name="offset"/>; timers and timestamps are the system's.</summary>
    private sealed class Shifted(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
