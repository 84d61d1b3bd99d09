using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Domain;

/// <summary>When a police ARMS falls due (R-AS5, R-RM6): working days on the working-day calendar.</summary>
public sealed class ArmsSchedule(WorkingDayCalendar calendar, IOptions<NominalRules> rules)
{
    /// <summary>The due date of an ARMS required on <paramref name="today"/>.</summary>
    public DateOnly DueFrom(DateOnly today) => calendar.AddWorkingDays(today, rules.Value.ArmsWorkingDays);

    /// <summary>R-AS5: more than six weeks (by default) between conviction and sentencing requires an ARMS.</summary>
    public bool HasConvictionSentenceGap(SentenceRecord sentence) =>
        sentence.SentenceDate.DayNumber - sentence.ConvictionDate.DayNumber > rules.Value.ConvictionSentenceGapDays;
}
