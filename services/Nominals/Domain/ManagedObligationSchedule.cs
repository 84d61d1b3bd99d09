using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// When the duties of active management fall due (R-MR4): the next home visit by the nominal's
/// current level (<see cref="HomeVisitIntervalDays"/>, local policy) and a MAPPA-eligible
/// nominal's police risk management plan (R-MG3, <see cref="NominalRules.PlanDueDays"/>).
/// </summary>
public sealed class ManagedObligationSchedule(IOptions<NominalRules> rules)
{
    /// <summary>The next visit's due date, <paramref name="from"/> a visit (or the start of active management), at <paramref name="level"/> (null: not assessed yet).</summary>
    public DateOnly NextHomeVisitDue(RiskLevel? level, DateOnly from) => from.AddDays(rules.Value.HomeVisitIntervalDays.For(level));

    /// <summary>The police plan's due date when management became active on <paramref name="from"/>.</summary>
    public DateOnly PolicePlanDue(DateOnly from) => from.AddDays(rules.Value.PlanDueDays);
}
