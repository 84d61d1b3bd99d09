using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.Platform.Naming;

/// <summary>The contract's calendar dates (England and Wales local dates) to and from <see cref="DateOnly"/>, the one way.</summary>
public static class CalendarDates
{
    /// <summary>A calendar date, or null (with a problem recorded) when absent or impossible.</summary>
    public static DateOnly? Read(Validator v, CalendarDate? date, string field, string? rule = null)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            v.Add(field, "is not a real calendar date", rule);
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    /// <summary>The contract's date, unset for none.</summary>
    public static CalendarDate? ToContract(DateOnly? date) =>
        date is { } d ? new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day } : null;
}
