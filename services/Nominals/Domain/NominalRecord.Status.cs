namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The nominal's management status (R-ID1, R-RM1, R-RM2, R-RM4, R-AU3): users' moves along the
/// transition table (<see cref="ManagementStatusTransitions"/>), the R-RM4 return triggers and the
/// status history, which is never wiped.
/// </summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// A user's change of status, with its reason (R-AU3). Reactive needs the approved placement
    /// (<see cref="ManagementStatusTransitions.CheckPlacement"/>); ending keeps the reason as the
    /// current end reason, and reopening clears it (it stays in the history). Goes on the feed.
    /// </summary>
    public NominalChange ChangeStatus(ManagementStatus target, string reason, ReactivePlacement placement, StaffMember actor, DateTimeOffset now)
    {
        ManagementStatusTransitions.Check(this, target);
        var exception = target == ManagementStatus.Reactive
            && ManagementStatusTransitions.CheckPlacement(this, placement, actor, LocalDates.DateOf(now));
        var reactive = target == ManagementStatus.Reactive;
        var entry = new StatusChangeEntry(Status, target, reason.Trim(), actor.UserId, now, StatusChangeTrigger.User,
            reactive ? placement.ProposedBy : "", reactive ? actor.UserId : "",
            reactive ? placement.Reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray() : [],
            exception, "");
        return Moved(entry, endReason: target == ManagementStatus.Ended ? entry.Reason : "", triggerRecord: "");
    }

    /// <summary>
    /// R-RM4: a new SHPO or SRO, a refused discharge, a change of lead agency to probation or prison,
    /// or a further sexual offence returns a reactive nominal to active management, with a status
    /// history entry, a feed event and a work item for its MOSOVO officer naming the record that
    /// triggered it (R-RM2: an order placed under the exception that is not discharged is the
    /// refused discharge). Any other status is left as it is.
    /// </summary>
    public NominalChange ReturnToActiveIfReactive(StatusChangeTrigger trigger, string triggerRecord, string actingUser, DateTimeOffset now)
    {
        if (Status != ManagementStatus.Reactive)
        {
            return NominalChange.Quiet(this);
        }
        var entry = new StatusChangeEntry(ManagementStatus.Reactive, ManagementStatus.Active,
            "returned to active management (R-RM4)", actingUser, now, trigger, "", "", [], false, triggerRecord);
        var moved = Moved(entry, endReason: "", triggerRecord);
        return moved with { WorkItems = [new WorkItemToOpen(WorkItemKind.ReturnedToActive, triggerRecord, trigger)] };
    }

    /// <summary>
    /// Accepted by another force (a transfer): the receiving force names its own officer, and until
    /// then an active or reactive nominal is pending there (R-ID1), which the status history shows.
    /// </summary>
    public NominalRecord MoveTo(string force, string acceptedBy, DateTimeOffset now)
    {
        var moved = this with { ForceCode = force, Management = Management with { MosovoOfficer = "" } };
        if (Status is not (ManagementStatus.Active or ManagementStatus.Reactive))
        {
            return moved;
        }
        var entry = new StatusChangeEntry(Status, ManagementStatus.Pending,
            $"transferred to force {force}: pending until it names its MOSOVO officer (R-ID1)", acceptedBy, now,
            StatusChangeTrigger.Transfer, "", "", [], false, "");
        return moved with
        {
            Status = ManagementStatus.Pending,
            Management = moved.Management with { StatusHistory = [.. Management.StatusHistory, entry] },
        };
    }

    /// <summary>The nominal moved as <paramref name="entry"/> says, the entry kept, and the move on the feed.</summary>
    private NominalChange Moved(StatusChangeEntry entry, string endReason, string triggerRecord) =>
        new(this with
        {
            Status = entry.ToStatus,
            Management = Management with { EndReason = endReason, StatusHistory = [.. Management.StatusHistory, entry] },
        },
        [new NominalFeedEvent(NominalEventType.StatusChanged, null,
            triggerRecord.Length == 0 ? null : new Dictionary<string, string> { ["trigger_record"] = triggerRecord },
            new Dictionary<string, Enum>
            {
                ["status"] = entry.ToStatus,
                ["previous_status"] = entry.FromStatus,
                ["trigger"] = entry.Trigger,
            })]);
}
