using OffenderRisk.Interventions.Domain;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// The attributes of the plan events on the interventions change feed, exactly as the contract's
/// InterventionEventType lists them: ids, codes (under their contract's original names, e.g.
/// PLAN_KIND_POLICE) and dates only, never free text. The nominals service keeps its plan
/// obligations from them (R-MG3, R-MG5, R-MG4, R-MR4).
/// </summary>
public static class PlansFeedEvents
{
    public const string Open = "OPEN";
    public const string Completed = "COMPLETED";

    /// <summary>PLAN_COUNTERSIGNED: kind, version, countersign_date, superseded (when there is one), and "action:{id}" = "{due date}|OPEN" or "|COMPLETED".</summary>
    public static Dictionary<string, string> Countersigned(PlanRecord plan, string? supersededId)
    {
        var countersignature = plan.Countersignature ?? throw new InvalidOperationException("Only a countersigned plan is on the feed as countersigned.");
        var attributes = new Dictionary<string, string>
        {
            ["kind"] = ProtoEnums.OriginalName((Contract.PlanKind)plan.Kind),
            ["version"] = plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["countersign_date"] = StoredTime.FormatDate(LocalDates.DateOf(countersignature.Time)),
        };
        if (!string.IsNullOrEmpty(supersededId))
        {
            attributes["superseded"] = PlanNames.Format(supersededId);
        }
        foreach (var action in plan.Content.Actions)
        {
            attributes[$"action:{action.Id}"] = $"{StoredTime.FormatDate(action.DueDate)}|{(action.Completed ? Completed : Open)}";
        }
        return attributes;
    }

    /// <summary>PLAN_ACTION_COMPLETED: kind, action (its id), completion_date.</summary>
    public static Dictionary<string, string> ActionCompleted(PlanRecord plan, string actionId, DateOnly completionDate) => new()
    {
        ["kind"] = ProtoEnums.OriginalName((Contract.PlanKind)plan.Kind),
        ["action"] = actionId,
        ["completion_date"] = StoredTime.FormatDate(completionDate),
    };
}
