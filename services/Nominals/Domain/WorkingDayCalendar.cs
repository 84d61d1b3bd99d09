namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// Working days in England and Wales: Monday to Friday less bank holidays (R-AS5 counts 15 of
/// them). The regular holidays are computed (New Year's Day, Good Friday, Easter Monday, the early
/// May, spring and summer bank holidays, Christmas Day and Boxing Day, with substitute days when
/// they fall at a weekend); one-off holidays proclaimed for a year, and moved ones, come from
/// configuration (<c>Calendar:AdditionalBankHolidays</c>, <c>Calendar:CancelledBankHolidays</c>).
/// </summary>
public sealed class WorkingDayCalendar(IEnumerable<DateOnly>? additional = null, IEnumerable<DateOnly>? cancelled = null)
{
    private readonly HashSet<DateOnly> _additional = [.. additional ?? []];
    private readonly HashSet<DateOnly> _cancelled = [.. cancelled ?? []];

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(day);

    public bool IsBankHoliday(DateOnly day) =>
        _additional.Contains(day) || (!_cancelled.Contains(day) && RegularBankHolidays(day.Year).Contains(day));

    /// <summary>The date <paramref name="workingDays"/> working days after <paramref name="from"/> (from itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    public static IReadOnlySet<DateOnly> RegularBankHolidays(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new HashSet<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };
        // Christmas and Boxing Day: when either falls at a weekend the substitutes are the next
        // weekdays not already holidays.
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var christmasObserved = NextWeekday(christmas);
        holidays.Add(christmasObserved);
        var boxingObserved = NextWeekday(boxing);
        if (boxingObserved <= christmasObserved)
        {
            boxingObserved = NextWeekday(christmasObserved.AddDays(1));
        }
        holidays.Add(boxingObserved);
        return holidays;
    }

    /// <summary>Gregorian Easter Sunday (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }
        return day;
    }
}
