using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Domain;

/// <summary>Which queue an item goes to: one officer's, the supervisors' or the unassigned queue.</summary>
public sealed record WorkItemRoute(WorkQueue Queue, string Assignee, string AssigneeRole)
{
    /// <summary>The role a supervisors' item is addressed to: the token role of that name (ServiceDefaults Roles.Supervisor).</summary>
    public const string SupervisorRole = "supervisor";

    /// <summary>The owning force's supervisors (R-ID3): a role queue, not a person.</summary>
    public static readonly WorkItemRoute Supervisors = new(WorkQueue.Supervisors, "", SupervisorRole);

    /// <summary>
    /// R-ID2: to the nominal's MOSOVO officer; while it has none, to the owning force's unassigned
    /// queue, so that nothing is lost.
    /// </summary>
    public static WorkItemRoute ToOfficerOf(NominalRecord nominal) =>
        string.IsNullOrEmpty(nominal.Management.MosovoOfficer)
            ? new WorkItemRoute(WorkQueue.Unassigned, "", "")
            : new WorkItemRoute(WorkQueue.Officer, nominal.Management.MosovoOfficer, "");
}

/// <summary>
/// Something an officer or supervisor must deal with about a nominal. The force is the nominal's
/// owning force (read with the item, never stored on it), so a transfer takes the item along.
/// </summary>
public sealed record WorkItemRecord(
    string Id,
    string NominalId,
    string ForceCode,
    WorkItemKind Kind,
    bool Urgent,
    WorkItemState State,
    WorkItemRoute Route,
    string Reference,
    string SummaryCode,
    DateTimeOffset CreateTime,
    string CreatedBy,
    DateTimeOffset? AcknowledgeTime,
    string AcknowledgedBy,
    DateTimeOffset? CloseTime,
    string ClosedBy,
    string Outcome,
    long Version) : IVersioned<WorkItemRecord>
{
    public string ResourceName => WorkItemNames.Format(NominalId, Id);

    /// <summary>An item keeps no update time of its own: the acknowledge and close times say when it changed.</summary>
    public WorkItemRecord Stamped(long version, DateTimeOffset time) => this with { Version = version };

    /// <summary>A new, open item.</summary>
    public static WorkItemRecord Open(string id, NominalRecord nominal, WorkItemKind kind, bool urgent, WorkItemRoute route,
        string reference, string summaryCode, string createdBy, DateTimeOffset now) =>
        new(id, nominal.Id, nominal.ForceCode, kind, urgent, WorkItemState.Open, route, reference, summaryCode,
            now, createdBy, null, "", null, "", "", 1);

    /// <summary>
    /// Whether the caller is in the item's queue, and so may see and act on it: the assignee; any
    /// supervisor for the supervisors' queue; any MOSOVO officer or supervisor for the unassigned
    /// queue. Everyone else is told it does not exist. Whose force the item is in is not decided
    /// here: only the owning force sees it at all (RecordAccess.Visible).
    /// </summary>
    public bool IsInQueueOf(StaffMember staff) =>
        Route.Queue switch
        {
            WorkQueue.Officer => UserIds.Same(staff.UserId, Route.Assignee),
            WorkQueue.Supervisors => staff.IsSupervisor,
            WorkQueue.Unassigned => staff.IsMosovoOfficer || staff.IsSupervisor,
            _ => false,
        };

    /// <summary>Acknowledges an open item; one in the unassigned queue is taken by the acknowledger.</summary>
    public WorkItemRecord Acknowledge(string userId, DateTimeOffset now)
    {
        RequireNotClosed();
        if (State == WorkItemState.Acknowledged)
        {
            throw new PreconditionFailedException("WORK_ITEM_ALREADY_ACKNOWLEDGED", "name", "The work item is already acknowledged.");
        }
        return this with
        {
            State = WorkItemState.Acknowledged,
            Route = Route.Queue == WorkQueue.Unassigned ? new WorkItemRoute(WorkQueue.Officer, userId, "") : Route,
            AcknowledgeTime = now,
            AcknowledgedBy = userId,
        };
    }

    /// <summary>Closes an open or acknowledged item with what was done.</summary>
    public WorkItemRecord Close(string userId, string outcome, DateTimeOffset now)
    {
        RequireNotClosed();
        return this with { State = WorkItemState.Closed, CloseTime = now, ClosedBy = userId, Outcome = outcome };
    }

    private void RequireNotClosed()
    {
        if (State == WorkItemState.Closed)
        {
            throw new PreconditionFailedException("WORK_ITEM_CLOSED", "name", "The work item is closed.");
        }
    }
}

/// <summary>Work item names: "nominals/{id}/workItems/{id}".</summary>
public static class WorkItemNames
{
    public const string Collection = "workItems";

    /// <summary>The audit subject of queue listings (AIP-159: across every nominal).</summary>
    public static readonly string AllCollection = $"{NominalNames.Collection}/-/{Collection}";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) => IntelligenceNames.TryParseChild(name, Collection);
}
