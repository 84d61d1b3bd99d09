using OffenderRisk.Platform.Time;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>England and Wales dates (Europe/London), the one way an instant becomes a date.</summary>
public sealed class LocalDatesTests
{
    [Fact]
    public void Half_past_midnight_on_a_summer_night_in_London_is_already_the_next_day()
    {
        // 00:30 BST on 15 July 2026 is 23:30 UTC on 14 July.
        Assert.Equal(new DateOnly(2026, 7, 15), LocalDates.DateOf(new DateTimeOffset(2026, 7, 14, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void In_winter_London_dates_are_UTC_dates()
    {
        Assert.Equal(new DateOnly(2026, 12, 24), LocalDates.DateOf(new DateTimeOffset(2026, 12, 24, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 25), LocalDates.DateOf(new DateTimeOffset(2026, 12, 25, 0, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_day_starts_at_London_midnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 14, 23, 0, 0, TimeSpan.Zero), LocalDates.StartOf(new DateOnly(2026, 7, 15)));
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 0, 0, 0, TimeSpan.Zero), LocalDates.StartOf(new DateOnly(2026, 12, 25)));
    }
}
