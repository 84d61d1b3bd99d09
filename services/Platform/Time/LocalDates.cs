namespace OffenderRisk.Platform.Time;

/// <summary>
/// The one way to turn an instant into a date: England and Wales local dates (Europe/London), at
/// every layer. 00:30 on a summer night in London is already the next day there, though it is
/// still the previous day in UTC.
/// </summary>
public static class LocalDates
{
    /// <summary>The England and Wales time zone (tzdata's Europe/London).</summary>
    public static readonly TimeZoneInfo EnglandAndWales = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The England and Wales date of <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, EnglandAndWales).DateTime);

    /// <summary>The instant an England and Wales day begins (midnight there: 23:00 UTC the day before in summer).</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, EnglandAndWales.GetUtcOffset(midnight));
    }

    /// <summary>Today in England and Wales.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());
}
