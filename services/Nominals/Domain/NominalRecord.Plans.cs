using System.Globalization;

namespace OffenderRisk.Nominals.Domain;

/// <summary>An action of a countersigned plan version: its id (kept across versions), due date and whether it is completed.</summary>
public sealed record PlanActionDue(string ActionId, DateOnly DueDate, bool Completed);

/// <summary>A plan version as the interventions feed announced its countersigning (R-MG3, R-MG4, R-MG5): ids, codes and dates only.</summary>
public sealed record CountersignedPlan(
    string PlanId, PlanKind Kind, int Version, DateOnly CountersignDate, DateTimeOffset CountersignTime, IReadOnlyList<PlanActionDue> Actions)
{
    public const string Collection = "plans";

    public string ResourceName => ResourceNames.Format(Collection, PlanId);

    public string ActionName(string actionId) => PlanActions.Name(PlanId, actionId);
}

/// <summary>An action's completion as the interventions feed announced it (R-MG4).</summary>
public sealed record CompletedPlanAction(string PlanId, PlanKind Kind, string ActionId, DateOnly CompletionDate, DateTimeOffset RecordTime);

/// <summary>A breach of an intervention as the interventions feed announced it (R-MG10): the breach's name, "interventions/{id}/breaches/{breach}".</summary>
public sealed record InterventionBreach(string BreachName, DateOnly OccurDate);

/// <summary>
/// The trigger keys of plan action obligations: "plan-action:{kind}:{action}:{due}". One obligation
/// per open action and due date (R-MG4, R-MR4): a later version that moves the date replaces it, a
/// completion satisfies it, whichever version of the plan of that kind names the action.
/// </summary>
public static class PlanActions
{
    public static string Name(string planId, string actionId) => $"{ResourceNames.Format(CountersignedPlan.Collection, planId)}/actions/{actionId}";

    public static string KindPrefix(PlanKind kind) => $"plan-action:{(kind == PlanKind.Mappa ? "mappa" : "police")}:";

    public static string ActionPrefix(PlanKind kind, string actionId) => $"{KindPrefix(kind)}{actionId}:";

    public static string Key(PlanKind kind, string actionId, DateOnly due) =>
        ActionPrefix(kind, actionId) + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the nominal does with the interventions feed: plans countersigned, actions completed, breaches (R-MG3 to R-MG5, R-MG10, R-MR4).</summary>
public sealed partial record NominalRecord
{
    /// <summary>The most recent breaches whose response was started, kept so a replayed breach starts nothing twice.</summary>
    public const int MaxBreachResponses = 200;

    /// <summary>
    /// A countersigned plan version becomes the nominal's current plan of its kind and satisfies the
    /// open police or MAPPA plan obligations raised by its countersigning (R-MG3, R-MG5). Its actions
    /// keep the ledger in step (R-MG4, R-MR4): a completed action satisfies its open obligations; an
    /// open one is an obligation due on its date; an open action obligation of the kind that this
    /// version no longer has at that date is waived as replaced. A version no later than the current
    /// one of its kind (a replay, or an old event arriving late) changes nothing.
    /// </summary>
    public NominalChange RecordCountersignedPlan(CountersignedPlan plan, string actingUser)
    {
        var m = Management;
        if (m.Plans.FirstOrDefault(p => p.Kind == plan.Kind) is { } current && current.Version >= plan.Version)
        {
            return NominalChange.Quiet(this);
        }
        var known = new KnownPlan(plan.Kind, plan.PlanId, plan.Version, plan.CountersignDate);
        var open = plan.Actions.Where(a => !a.Completed).ToList();
        var raisedKeys = open.Select(a => PlanActions.Key(plan.Kind, a.ActionId, a.DueDate)).ToList();
        var ledger = new List<LedgerEntry>
        {
            new SatisfyOpenObligations([plan.Kind == PlanKind.Mappa ? ObligationKind.MappaPlan : ObligationKind.PolicePlan], plan.ResourceName, plan.CountersignTime),
        };
        // Completed actions first, so that what they fulfilled is satisfied, not waived as replaced.
        ledger.AddRange(plan.Actions.Where(a => a.Completed).Select(a => new SatisfyOpenObligations(
            [ObligationKind.PlanAction], plan.ActionName(a.ActionId), plan.CountersignTime, PlanActions.ActionPrefix(plan.Kind, a.ActionId))));
        ledger.Add(new WaiveOpenObligations([ObligationKind.PlanAction],
            $"replaced by {plan.ResourceName} version {plan.Version.ToString(CultureInfo.InvariantCulture)}", actingUser,
            ObligationTriggers.PlanAction, PlanActions.KindPrefix(plan.Kind), raisedKeys));
        ledger.AddRange(open.Select((a, i) => new RaiseObligation(ObligationKind.PlanAction, ObligationTriggers.PlanAction, raisedKeys[i],
            plan.ActionName(a.ActionId), plan.CountersignDate, a.DueDate)));
        return new NominalChange(this with { Management = m with { Plans = [.. m.Plans.Where(p => p.Kind != plan.Kind), known] } }, [], ledger);
    }

    /// <summary>
    /// A completed action satisfies its open obligations (R-MG4, R-MR4), those raised by the time it
    /// was recorded, whichever version raised them. The nominal itself does not change; a replay
    /// finds nothing open.
    /// </summary>
    public NominalChange RecordPlanActionCompleted(CompletedPlanAction completed) =>
        new(this, [],
        [
            new SatisfyOpenObligations([ObligationKind.PlanAction], PlanActions.Name(completed.PlanId, completed.ActionId), completed.RecordTime,
                PlanActions.ActionPrefix(completed.Kind, completed.ActionId)),
        ]);

    /// <summary>
    /// R-MG10: a breach of an intervention starts the response: a work item for the nominal's
    /// officer (the unassigned queue while it has none) naming the breach, and a reassessment (an
    /// ARMS obligation due after the R-AS5 period from the day it happened, as a significant change
    /// is). A breach already responded to changes nothing.
    /// </summary>
    public NominalChange RecordInterventionBreach(InterventionBreach breach, ArmsSchedule arms)
    {
        var m = Management;
        if (m.BreachResponses.Contains(breach.BreachName, StringComparer.Ordinal))
        {
            return NominalChange.Quiet(this);
        }
        return new NominalChange(
            this with { Management = m with { BreachResponses = Bounded(m.BreachResponses.Append(breach.BreachName), MaxBreachResponses) } },
            [],
            [new RaiseObligation(ObligationKind.Arms, ObligationTriggers.InterventionBreach, "breach:" + breach.BreachName, breach.BreachName,
                breach.OccurDate, arms.DueFrom(breach.OccurDate))],
            [new WorkItemToOpen(WorkItemKind.InterventionBreach, breach.BreachName, WorkItemKind.InterventionBreach)]);
    }
}
