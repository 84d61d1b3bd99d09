using System.Data.Common;
using Dapper;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Work item rows. An item's force is its nominal's owning force, read by joining nominals, so
/// queues are force-scoped without a copy that a transfer could leave stale. Every method runs
/// inside the caller's transaction. Erasing a nominal (R-AU1) removes its items.
/// </summary>
public sealed class WorkItemStore : IRecordStore<WorkItemRecord>, IErasureParticipant
{
    private const string Columns =
        "w.id, w.nominal_id, n.force_code, w.kind, w.urgent, w.state, w.queue, w.assignee, w.assignee_role, w.reference, w.summary_code, " +
        "w.create_time, w.created_by, w.acknowledge_time, w.acknowledged_by, w.close_time, w.closed_by, w.outcome, w.version";

    public Task InsertAsync(Session s, WorkItemRecord item) =>
        s.ExecuteAsync(
            """
            INSERT INTO work_items (id, nominal_id, kind, urgent, state, queue, assignee, assignee_role, reference, summary_code,
                create_time, created_by, acknowledge_time, acknowledged_by, close_time, closed_by, outcome, version)
            VALUES (@Id, @NominalId, @Kind, @Urgent, @State, @Queue, @Assignee, @AssigneeRole, @Reference, @SummaryCode,
                @CreateTime, @CreatedBy, @AcknowledgeTime, @AcknowledgedBy, @CloseTime, @ClosedBy, @Outcome, @Version)
            """, Row.From(item));

    /// <summary>The item with this id (a UUID, unique across nominals), whichever nominal it is about.</summary>
    public async Task<WorkItemRecord?> FindAsync(Session session, string id)
    {
        var row = await session.SingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM work_items w JOIN nominals n ON n.id = w.nominal_id WHERE w.id = @id",
            new { id });
        return row?.ToRecord();
    }

    /// <summary>Where a queue listing resumes: after this item in (urgent first, then oldest first) order.</summary>
    public sealed record Cursor(bool Urgent, string Id);

    /// <summary>
    /// One queue of a force: the officer's own items (<paramref name="assignee"/>), or the
    /// supervisors' or unassigned queue. <paramref name="state"/> unspecified means outstanding.
    /// </summary>
    public async Task<IReadOnlyList<WorkItemRecord>> ListAsync(Session s, string force, WorkQueue queue, string assignee,
        WorkItemState state, Cursor? after, int limit)
    {
        var rows = await s.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM work_items w JOIN nominals n ON n.id = w.nominal_id
            WHERE n.force_code = @force AND w.queue = @queue AND (@queue <> @officerQueue OR UPPER(TRIM(w.assignee)) = @assignee)
              AND ((@state = 0 AND w.state <> @closed) OR w.state = @state)
              AND (@afterId IS NULL OR w.urgent < @afterUrgent OR (w.urgent = @afterUrgent AND w.id > @afterId))
            ORDER BY w.urgent DESC, w.id
            LIMIT @limit
            """,
            new
            {
                force,
                queue = (int)queue,
                officerQueue = (int)WorkQueue.Officer,
                // Ids compared in their normal form (UserIds); officer ids are ASCII (R-ID1), which UPPER folds alike everywhere.
                assignee = UserIds.Normalise(assignee),
                state = (int)state,
                closed = (int)WorkItemState.Closed,
                afterId = after?.Id,
                afterUrgent = after is { Urgent: true } ? 1 : 0,
                limit,
            });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the item if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, WorkItemRecord updated, long expectedVersion)
    {
        var row = Row.From(updated);
        return await session.ExecuteAsync(
            """
            UPDATE work_items SET state = @State, queue = @Queue, assignee = @Assignee, assignee_role = @AssigneeRole,
                acknowledge_time = @AcknowledgeTime, acknowledged_by = @AcknowledgedBy, close_time = @CloseTime,
                closed_by = @ClosedBy, outcome = @Outcome, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                row.Id, row.State, row.Queue, row.Assignee, row.AssigneeRole, row.AcknowledgeTime, row.AcknowledgedBy,
                row.CloseTime, row.ClosedBy, row.Outcome, row.Version, ExpectedVersion = expectedVersion,
            }) == 1;
    }

    /// <summary>
    /// For a transfer: the nominal's outstanding items addressed to a person of the sending force
    /// move to the (receiving) force's unassigned queue, so that they are not lost with the old
    /// officer. Role-queue items follow the nominal by themselves.
    /// </summary>
    public Task RequeueForTransferAsync(Session s, string nominalId) =>
        s.ExecuteAsync(
            """
            UPDATE work_items SET queue = @unassigned, assignee = '', version = version + 1
            WHERE nominal_id = @nominalId AND queue = @officer AND state <> @closed
            """,
            new { nominalId, unassigned = (int)WorkQueue.Unassigned, officer = (int)WorkQueue.Officer, closed = (int)WorkItemState.Closed });

    /// <summary>
    /// The nominal's open items in its officer's queue, or waiting unassigned (after a transfer, or
    /// before any officer was named), go to <paramref name="officer"/>, its new MOSOVO officer
    /// (R-ID2: intelligence and its work reach the nominal's MOSOVO officer).
    /// Items in the supervisors' queue stay there.
    /// </summary>
    public Task MoveToOfficerAsync(Session s, string nominalId, string officer) =>
        s.ExecuteAsync(
            """
            UPDATE work_items SET queue = @officerQueue, assignee = @officer, version = version + 1
            WHERE nominal_id = @nominalId AND queue IN (@officerQueue, @unassigned) AND state <> @closed AND assignee <> @officer
            """,
            new { nominalId, officer, officerQueue = (int)WorkQueue.Officer, unassigned = (int)WorkQueue.Unassigned, closed = (int)WorkItemState.Closed });

    public Task EraseAsync(Session session, string nominalId) =>
        session.ExecuteAsync(
            "DELETE FROM work_items WHERE nominal_id = @nominalId", new { nominalId });

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Kind { get; set; }
        public long Urgent { get; set; }
        public long State { get; set; }
        public long Queue { get; set; }
        public string Assignee { get; set; } = "";
        public string AssigneeRole { get; set; } = "";
        public string Reference { get; set; } = "";
        public string SummaryCode { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public string AcknowledgeTime { get; set; } = "";
        public string AcknowledgedBy { get; set; } = "";
        public string CloseTime { get; set; } = "";
        public string ClosedBy { get; set; } = "";
        public string Outcome { get; set; } = "";
        public long Version { get; set; }

        public static Row From(WorkItemRecord w) => new()
        {
            Id = w.Id,
            NominalId = w.NominalId,
            ForceCode = w.ForceCode,
            Kind = (long)w.Kind,
            Urgent = w.Urgent ? 1 : 0,
            State = (long)w.State,
            Queue = (long)w.Route.Queue,
            Assignee = w.Route.Assignee,
            AssigneeRole = w.Route.AssigneeRole,
            Reference = w.Reference,
            SummaryCode = w.SummaryCode,
            CreateTime = Time(w.CreateTime),
            CreatedBy = w.CreatedBy,
            AcknowledgeTime = w.AcknowledgeTime is { } a ? Time(a) : "",
            AcknowledgedBy = w.AcknowledgedBy,
            CloseTime = w.CloseTime is { } cl ? Time(cl) : "",
            ClosedBy = w.ClosedBy,
            Outcome = w.Outcome,
            Version = w.Version,
        };

        public WorkItemRecord ToRecord() => new(
            Id, NominalId, ForceCode, (WorkItemKind)Kind, Urgent != 0, (WorkItemState)State,
            new WorkItemRoute((WorkQueue)Queue, Assignee, AssigneeRole), Reference, SummaryCode,
            ParseTime(CreateTime), CreatedBy, ParseOptional(AcknowledgeTime), AcknowledgedBy, ParseOptional(CloseTime), ClosedBy,
            Outcome, Version);

        private static string Time(DateTimeOffset t) => StoredTime.Format(t);

        private static DateTimeOffset ParseTime(string s) => StoredTime.Parse(s);

        private static DateTimeOffset? ParseOptional(string s) => s.Length == 0 ? null : ParseTime(s);
    }
}
