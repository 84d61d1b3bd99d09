using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Domain;

/// <summary>When a police ARMS falls due (R-AS5, R-RM6): working days on the working-day calendar.</summary>
public sealed class ArmsSchedule(WorkingDayCalendar calendar, IOptions<NominalRules> rules)
{
    /// <summary>The due date of an ARMS required on <paramref name="today"/>.</summary>
    public DateOnly DueFrom(DateOnly today) => calendar.AddWorkingDays(today, rules.Value.ArmsWorkingDays);

    /// <summary>
    /// R-AS5: the day an ARMS becomes required when a conviction (or finding) on
    /// <paramref name="relevantDate"/> has no sentence: day 42 (by default) after it.
    /// </summary>
    public DateOnly SixWeeksAfter(DateOnly relevantDate) => relevantDate.AddDays(rules.Value.ConvictionSentenceGapDays);
}
