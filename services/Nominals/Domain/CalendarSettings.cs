using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OffenderRisk.Nominals.Domain;

/// <summary>Builds the working-day calendar from configuration section <c>Calendar</c>.</summary>
public static class CalendarSettings
{
    public static WorkingDayCalendar Create(IConfiguration configuration)
    {
        static IEnumerable<DateOnly> Dates(IConfiguration section) =>
            section.GetChildren().Select(c => DateOnly.ParseExact(c.Value!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new WorkingDayCalendar(
            Dates(configuration.GetSection("Calendar:AdditionalBankHolidays")),
            Dates(configuration.GetSection("Calendar:CancelledBankHolidays")));
    }
}
