using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// R-MR2: when a MAPPA review falls due, counted from the later of the last review and the level
/// being set: level 3 within 8 weeks, level 2 within 16 weeks (the rulebook's), level 1 by the local
/// policy per current risk level (<see cref="MappaLevel1ReviewDays"/>). R-MG5: when the MAPPA plan of
/// a nominal newly at level 2 or 3 falls due (<see cref="NominalRules.PlanDueDays"/>).
/// </summary>
public sealed class MappaReviewSchedule(IOptions<NominalRules> rules)
{
    public const int Level3Days = 56;
    public const int Level2Days = 112;

    /// <summary>The next review of a nominal at <paramref name="level"/> (currently assessed at <paramref name="risk"/>), counted from <paramref name="from"/>.</summary>
    public DateOnly ReviewDueFrom(int level, RiskLevel risk, DateOnly from) => from.AddDays(level switch
    {
        3 => Level3Days,
        2 => Level2Days,
        _ => rules.Value.MappaLevel1ReviewDays.For(risk),
    });

    /// <summary>The MAPPA plan's due date for level 2 or 3 set on <paramref name="levelSetOn"/>.</summary>
    public DateOnly PlanDueFrom(DateOnly levelSetOn) => levelSetOn.AddDays(rules.Value.PlanDueDays);
}
