using System.Data.Common;
using Dapper;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Marker request rows. Every method runs inside the caller's transaction.</summary>
public sealed class MarkerRequestStore
{
    private const string Columns =
        "id, nominal_id, force_code, agency, ground, document_number, state, marker_id, agency_outcome, rejection_reason, attempts, "
        + "last_failure, next_attempt_time, requested_by, create_time, update_time, deliver_time, idempotency_key, payload";

    public Task InsertAsync(DbConnection c, DbTransaction tx, MarkerRequestRecord m, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO marker_requests ({Columns})
            VALUES (@Id, @NominalId, @ForceCode, @Agency, @Ground, @DocumentNumber, @State, @MarkerId, @AgencyOutcome, @RejectionReason, @Attempts,
                    @LastFailure, @NextAttemptTime, @RequestedBy, @CreateTime, @UpdateTime, @DeliverTime, @IdempotencyKey, @Payload)
            """, Row.From(m), tx, cancellationToken: ct));

    public async Task<MarkerRequestRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM marker_requests WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>A nominal's requests in one force, newest first, before the given id (keyset pagination).</summary>
    public async Task<IReadOnlyList<MarkerRequestRecord>> ListForNominalAsync(DbConnection c, DbTransaction tx, string force, string nominalId,
        string? beforeId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM marker_requests
            WHERE force_code = @force AND nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, beforeId, limit }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the delivery state; the key and payload never change.</summary>
    public Task UpdateDeliveryAsync(DbConnection c, DbTransaction tx, MarkerRequestRecord m, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE marker_requests SET state = @State, marker_id = @MarkerId, agency_outcome = @AgencyOutcome, rejection_reason = @RejectionReason,
                attempts = @Attempts, last_failure = @LastFailure, next_attempt_time = @NextAttemptTime, update_time = @UpdateTime, deliver_time = @DeliverTime
            WHERE id = @Id
            """, Row.From(m), tx, cancellationToken: ct));

    public Task RecordAttemptAsync(DbConnection c, DbTransaction tx, string id, int attempts, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("UPDATE marker_requests SET attempts = @attempts WHERE id = @id", new { id, attempts }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Agency { get; set; }
        public long Ground { get; set; }
        public string DocumentNumber { get; set; } = "";
        public long State { get; set; }
        public string MarkerId { get; set; } = "";
        public string AgencyOutcome { get; set; } = "";
        public string RejectionReason { get; set; } = "";
        public long Attempts { get; set; }
        public string LastFailure { get; set; } = "";
        public string? NextAttemptTime { get; set; }
        public string RequestedBy { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public string? DeliverTime { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string Payload { get; set; } = "";

        public static Row From(MarkerRequestRecord m) => new()
        {
            Id = m.Id, NominalId = m.NominalId, ForceCode = m.ForceCode, Agency = (long)m.Agency, Ground = (long)m.Ground,
            DocumentNumber = m.DocumentNumber, State = (long)m.State, MarkerId = m.MarkerId, AgencyOutcome = m.AgencyOutcome,
            RejectionReason = m.RejectionReason, Attempts = m.Attempts, LastFailure = m.LastFailure,
            NextAttemptTime = StoredTime.Format(m.NextAttemptTime), RequestedBy = m.RequestedBy, CreateTime = StoredTime.Format(m.CreateTime),
            UpdateTime = StoredTime.Format(m.UpdateTime), DeliverTime = StoredTime.Format(m.DeliverTime), IdempotencyKey = m.IdempotencyKey,
            Payload = m.Payload,
        };

        public MarkerRequestRecord ToRecord() => new(Id, NominalId, ForceCode, (Agency)Agency, (EnquiryGround)Ground, DocumentNumber,
            (MarkerRequestState)State, MarkerId, AgencyOutcome, RejectionReason, (int)Attempts, LastFailure, StoredTime.ParseOptional(NextAttemptTime),
            RequestedBy, StoredTime.Parse(CreateTime), StoredTime.Parse(UpdateTime), StoredTime.ParseOptional(DeliverTime), IdempotencyKey, Payload);
    }
}
