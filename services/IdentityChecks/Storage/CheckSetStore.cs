using System.Text.Json;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Yearly check set rows (R-RM5), changed under optimistic concurrency.</summary>
public sealed class CheckSetStore() : RecordTable<CheckSetRecord, CheckSetStore.Row>("check_sets",
    "id, nominal_id, force_code, due_date, state, checks, cancel_reason, next_check_set_id, scheduled_by, create_time, complete_time, next_run_time, version"),
    IRecordStore<CheckSetRecord>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The nominal's set that is scheduled or in progress, if any.</summary>
    public Task<CheckSetRecord?> FindOpenForNominalAsync(Session session, string force, string nominalId) =>
        FindOneAsync(session,
            $"SELECT {Columns} FROM {Table} WHERE force_code = @force AND nominal_id = @nominalId AND state IN (@scheduled, @inProgress) LIMIT 1",
            new { force, nominalId, scheduled = (long)CheckSetState.Scheduled, inProgress = (long)CheckSetState.InProgress });

    /// <summary>Sets that are due to run (scheduled and due, or in progress with automated checks to retry).</summary>
    public Task<IReadOnlyList<CheckSetRecord>> FindDueAsync(Session session, DateTimeOffset now, int limit) =>
        QueryAsync(session,
            $"""
            SELECT {Columns} FROM {Table}
            WHERE state IN (@scheduled, @inProgress) AND next_run_time <= @now
            ORDER BY next_run_time
            LIMIT @limit
            """, new { now = StoredTime.Format(now), limit, scheduled = (long)CheckSetState.Scheduled, inProgress = (long)CheckSetState.InProgress });

    /// <summary>
    /// Claims a due set for one run until <paramref name="until"/> by moving its next run time there,
    /// if it is still due at <paramref name="now"/> and unchanged since it was read as
    /// <paramref name="seen"/>: true when this caller has it. A concurrent claim from another replica
    /// waits on the row, then finds it no longer due. The version is not changed, so an officer's
    /// concurrent change still wins; a claimant that dies leaves the set due again at <paramref name="until"/>.
    /// </summary>
    public async Task<bool> ClaimAsync(Session session, CheckSetRecord seen, DateTimeOffset now, DateTimeOffset until) =>
        await session.ExecuteAsync(
            "UPDATE check_sets SET next_run_time = @until WHERE id = @id AND version = @version AND next_run_time <= @now",
            new { id = seen.Id, version = seen.Version, now = StoredTime.Format(now), until = StoredTime.Format(until) }) == 1;

    /// <summary>Writes the set if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, CheckSetRecord updated, long expectedVersion)
    {
        var row = Row.From(updated);
        var changed = await session.ExecuteAsync(
            """
            UPDATE check_sets SET state = @State, checks = @Checks, cancel_reason = @CancelReason, next_check_set_id = @NextCheckSetId,
                complete_time = @CompleteTime, next_run_time = @NextRunTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new { row.Id, row.State, row.Checks, row.CancelReason, row.NextCheckSetId, row.CompleteTime, row.NextRunTime, row.Version, ExpectedVersion = expectedVersion });
        return changed == 1;
    }

    public sealed class Row : IStoredRow<CheckSetRecord, Row>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string DueDate { get; set; } = "";
        public long State { get; set; }
        public string Checks { get; set; } = "[]";
        public string CancelReason { get; set; } = "";
        public string NextCheckSetId { get; set; } = "";
        public string ScheduledBy { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string? CompleteTime { get; set; }
        public string NextRunTime { get; set; } = "";
        public long Version { get; set; }

        public static Row From(CheckSetRecord s) => new()
        {
            Id = s.Id, NominalId = s.NominalId, ForceCode = s.ForceCode, DueDate = StoredTime.FormatDate(s.DueDate), State = (long)s.State,
            Checks = JsonSerializer.Serialize(s.Checks, Json), CancelReason = s.CancelReason, NextCheckSetId = s.NextCheckSetId,
            ScheduledBy = s.ScheduledBy, CreateTime = StoredTime.Format(s.CreateTime), CompleteTime = StoredTime.Format(s.CompleteTime),
            NextRunTime = StoredTime.Format(s.NextRunTime), Version = s.Version,
        };

        public CheckSetRecord ToRecord() => new(Id, NominalId, ForceCode, StoredTime.ParseDate(DueDate), (CheckSetState)State,
            JsonSerializer.Deserialize<List<ScheduledCheckRecord>>(Checks, Json) ?? [], CancelReason, NextCheckSetId, ScheduledBy,
            StoredTime.Parse(CreateTime), StoredTime.ParseOptional(CompleteTime), StoredTime.Parse(NextRunTime), Version);
    }
}
