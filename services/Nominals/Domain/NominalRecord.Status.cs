namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The nominal's management status (R-ID1, R-RM1, R-RM2, R-RM4, R-RM5, R-AU3): users' moves along
/// the transition table (<see cref="ManagementStatusTransitions"/>), the placement by an approved
/// reactive decision, the R-RM4 return triggers and the status history, which is never wiped.
/// </summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// A user's change of status, with its reason (R-AU3). Ending keeps the reason as the current
    /// end reason, and reopening clears it (it stays in the history). Goes on the feed. Reactive
    /// management is never a user's move: only an approved decision places a nominal on it
    /// (R-RM4, <see cref="PlaceOnReactiveManagement"/>).
    /// </summary>
    public NominalChange ChangeStatus(ManagementStatus target, string reason, StaffMember actor, DateTimeOffset now)
    {
        ManagementStatusTransitions.Check(this, target);
        if (target == ManagementStatus.Reactive)
        {
            throw new RuleViolationException("R-RM4", "status",
                "only an approved reactive management decision places a nominal on reactive management");
        }
        var entry = new StatusChangeEntry(Status, target, reason.Trim(), actor.UserId, now, StatusChangeTrigger.User, "", "", [], false, "");
        return Moved(entry, endReason: target == ManagementStatus.Ended ? entry.Reason : "", triggerRecord: "");
    }

    /// <summary>
    /// R-RM4: placed on reactive management by the approved <paramref name="decision"/>: the
    /// status history keeps its proposer, approving supervisor, reasons, the R-RM2 exception and
    /// the decision's name. R-RM5: no visit and no ARMS are required, so the open home visit
    /// obligations and the open ARMS reviews (R-AS7) are waived.
    /// </summary>
    public NominalChange PlaceOnReactiveManagement(ReactiveDecisionRecord decision, DateTimeOffset now)
    {
        ManagementStatusTransitions.Check(this, ManagementStatus.Reactive);
        var entry = new StatusChangeEntry(Status, ManagementStatus.Reactive, "placed on reactive management by an approved decision (R-RM4)",
            decision.DecidedBy, now, StatusChangeTrigger.User, decision.ProposedBy, decision.DecidedBy, decision.Reasons,
            decision.PendingDischargeException, "", decision.ResourceName);
        const string waived = "R-RM5: on reactive management no visit and no ARMS are required";
        return Moved(entry, endReason: "", triggerRecord: "") with
        {
            Ledger =
            [
                new WaiveOpenObligations([ObligationKind.HomeVisit], waived, decision.DecidedBy),
                new WaiveOpenObligations([ObligationKind.Arms], waived, decision.DecidedBy, Trigger: ObligationTriggers.AssessmentReview),
            ],
        };
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
