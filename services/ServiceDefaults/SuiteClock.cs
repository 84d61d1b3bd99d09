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
/// </summary>
public static class SuiteClock
{
    public const string StartAtKey = "Clock:StartAt";

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
        return new Shifted(start.ToUniversalTime());
    }

    /// <summary>Starts at <paramref name="start"/> and runs forward with the system clock; timers and timestamps are the system's.</summary>
    private sealed class Shifted(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
    }
}
