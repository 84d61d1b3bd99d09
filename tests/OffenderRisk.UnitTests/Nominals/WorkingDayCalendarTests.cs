using System.Globalization;
using OffenderRisk.Nominals.Domain;

namespace OffenderRisk.UnitTests.Nominals;

public sealed class WorkingDayCalendarTests
{
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void Easter_sunday_is_computed(int year, string expected)
    {
        Assert.Equal(D(expected), WorkingDayCalendar.EasterSunday(year));
    }

    [Fact]
    public void England_and_wales_bank_holidays_2026_are_the_published_ones()
    {
        var expected = new[]
        {
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        }.Select(D).ToHashSet();
        Assert.Equal(expected, WorkingDayCalendar.RegularBankHolidays(2026).ToHashSet());
    }

    [Fact]
    public void Christmas_on_a_saturday_moves_both_holidays_to_monday_and_tuesday()
    {
        var holidays = WorkingDayCalendar.RegularBankHolidays(2021);
        Assert.Contains(D("2021-12-27"), holidays);
        Assert.Contains(D("2021-12-28"), holidays);
    }

    [Fact]
    public void R_AS5_fifteen_working_days_skip_weekends_and_bank_holidays()
    {
        var calendar = new WorkingDayCalendar();
        // From Wednesday 1 April 2026: Good Friday 3 April and Easter Monday 6 April do not count.
        Assert.Equal(D("2026-04-24"), calendar.AddWorkingDays(D("2026-04-01"), 15));
        // Across Christmas 2026: 25 and 28 December are holidays.
        Assert.Equal(D("2027-01-13"), calendar.AddWorkingDays(D("2026-12-18"), 15));
    }

    [Fact]
    public void Configured_one_off_holidays_count_and_cancelled_ones_do_not()
    {
        var calendar = new WorkingDayCalendar([D("2023-05-08")], [D("2022-05-30")]);
        Assert.True(calendar.IsBankHoliday(D("2023-05-08")));
        Assert.False(calendar.IsBankHoliday(D("2022-05-30")));
        Assert.False(calendar.IsWorkingDay(D("2026-11-28")));
    }
}
