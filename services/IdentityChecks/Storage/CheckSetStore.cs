using System.Data.Common;
using System.Text.Json;
using Dapper;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Yearly check set rows (R-RM5). Every method runs inside the caller's transaction.</summary>
public sealed class CheckSetStore
{
    private const string Columns =
        "id, nominal_id, force_code, due_date, state, checks, cancel_reason, next_check_set_id, scheduled_by, create_time, complete_time, next_run_time, version";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public Task InsertAsync(DbConnection c, DbTransaction tx, CheckSetRecord s, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO check_sets ({Columns})
            VALUES (@Id, @NominalId, @ForceCode, @DueDate, @State, @Checks, @CancelReason, @NextCheckSetId, @ScheduledBy, @CreateTime, @CompleteTime, @NextRunTime, @Version)
            """, Row.From(s), tx, cancellationToken: ct));

    public async Task<CheckSetRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM check_sets WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>The nominal's set that is scheduled or in progress, if any.</summary>
    public async Task<CheckSetRecord?> FindOpenForNominalAsync(DbConnection c, DbTransaction tx, string force, string nominalId, CancellationToken ct)
    {
        var row = await c.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM check_sets WHERE force_code = @force AND nominal_id = @nominalId AND state IN (@scheduled, @inProgress) LIMIT 1",
            new { force, nominalId, scheduled = (long)CheckSetState.Scheduled, inProgress = (long)CheckSetState.InProgress }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>A nominal's sets, newest first, after the given keyset position.</summary>
    public async Task<IReadOnlyList<CheckSetRecord>> ListForNominalAsync(DbConnection c, DbTransaction tx, string force, string nominalId,
        string? beforeId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM check_sets
            WHERE force_code = @force AND nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, beforeId, limit }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Sets that are due to run (scheduled and due, or in progress with automated checks to retry).</summary>
    public async Task<IReadOnlyList<CheckSetRecord>> FindDueAsync(DbConnection c, DbTransaction tx, DateTimeOffset now, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM check_sets
            WHERE state IN (@scheduled, @inProgress) AND next_run_time <= @now
            ORDER BY next_run_time
            LIMIT @limit
            """, new { now = StoredTime.Format(now), limit, scheduled = (long)CheckSetState.Scheduled, inProgress = (long)CheckSetState.InProgress },
            tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the set if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, CheckSetRecord s, long expectedVersion, CancellationToken ct)
    {
        var row = Row.From(s);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE check_sets SET state = @State, checks = @Checks, cancel_reason = @CancelReason, next_check_set_id = @NextCheckSetId,
                complete_time = @CompleteTime, next_run_time = @NextRunTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new { row.Id, row.State, row.Checks, row.CancelReason, row.NextCheckSetId, row.CompleteTime, row.NextRunTime, row.Version, ExpectedVersion = expectedVersion },
            tx, cancellationToken: ct));
        return changed == 1;
    }

    private sealed class Row
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
