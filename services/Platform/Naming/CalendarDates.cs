using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.Platform.Naming;

/// <summary>
/// The contract's CalendarDate (an England and Wales date) to and from DateOnly, the one way: an
/// unset message or all zeros is no date; an impossible date is INVALID_ARGUMENT naming the field.
/// </summary>
public static class CalendarDates
{
    /// <summary>The date sent in <paramref name="field"/>, or null with a problem on <paramref name="v"/> when impossible (or absent and required).</summary>
    public static DateOnly? Check(Validator v, CalendarDate? date, string field, bool required, string? rule = null)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            if (required)
            {
                v.Add(field, "is required", rule);
            }
            return null;
        }
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            v.Add(field, "is not a real calendar date", rule);
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    /// <summary>An optional date: null when absent, or (with a problem on <paramref name="v"/>) when impossible.</summary>
    public static DateOnly? Read(Validator v, CalendarDate? date, string field, string? rule = null) =>
        Check(v, date, field, required: false, rule);

    public static CalendarDate ToCalendarDate(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The contract's date, unset for none.</summary>
    public static CalendarDate? ToCalendarDate(this DateOnly? date) => date?.ToCalendarDate();

    /// <summary>The contract's date, unset for none.</summary>
    public static CalendarDate? ToContract(DateOnly? date) => date.ToCalendarDate();
}
