using System.Data.Common;
using Dapper;

namespace OffenderRisk.Nominals.Storage;

/// <summary>Transfers of nominals between forces.</summary>
public sealed class TransferStore
{
    private const string Columns = "id, nominal_id, sending_force, receiving_force, reason, state, started_by, start_time, accepted_by, accept_time, closed_by, close_time, close_reason";

    public Task InsertAsync(Session s, TransferRecord t) =>
        s.ExecuteAsync(
            $"INSERT INTO transfers ({Columns}) VALUES (@Id, @NominalId, @SendingForce, @ReceivingForce, @Reason, @State, @StartedBy, @StartTime, @AcceptedBy, @AcceptTime, @ClosedBy, @CloseTime, @CloseReason)",
            Row.From(t));

    public async Task<TransferRecord?> FindAsync(Session s, string id) =>
        (await s.SingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM transfers WHERE id = @id", new { id }))?.ToRecord();

    public async Task<bool> HasPendingAsync(Session s, string nominalId) =>
        await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM transfers WHERE nominal_id = @nominalId AND state = @pending",
            new { nominalId, pending = (int)TransferState.Pending }) > 0;

    /// <summary>Writes the acceptance if the transfer is still pending; false when another acceptance got there first.</summary>
    public async Task<bool> MarkAcceptedAsync(Session s, TransferRecord accepted) =>
        await s.ExecuteAsync(
            "UPDATE transfers SET state = @State, accepted_by = @AcceptedBy, accept_time = @AcceptTime WHERE id = @Id AND state = @pending",
            new
            {
                accepted.Id, State = (int)accepted.State, accepted.AcceptedBy,
                AcceptTime = (StoredTime.Format(accepted.AcceptTime) ?? ""), pending = (int)TransferState.Pending,
            }) == 1;

    /// <summary>Writes a cancellation or rejection if the transfer is still pending; false when another decision got there first.</summary>
    public async Task<bool> MarkClosedAsync(Session s, TransferRecord closed) =>
        await s.ExecuteAsync(
            "UPDATE transfers SET state = @State, closed_by = @ClosedBy, close_time = @CloseTime, close_reason = @CloseReason WHERE id = @Id AND state = @pending",
            new
            {
                closed.Id, State = (int)closed.State, closed.ClosedBy, CloseTime = (StoredTime.Format(closed.CloseTime) ?? ""),
                closed.CloseReason, pending = (int)TransferState.Pending,
            }) == 1;

    /// <summary>Transfers into or out of a force, newest first.</summary>
    public async Task<IReadOnlyList<TransferRecord>> ListAsync(Session s, string force, string? beforeId, int limit) =>
        (await s.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM transfers
            WHERE (sending_force = @force OR receiving_force = @force) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """, new { force, beforeId, limit })).Select(r => r.ToRecord()).ToList();

    public Task DeleteForNominalAsync(Session s, string nominalId) =>
        s.ExecuteAsync("DELETE FROM transfers WHERE nominal_id = @nominalId", new { nominalId });

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string SendingForce { get; set; } = "";
        public string ReceivingForce { get; set; } = "";
        public string Reason { get; set; } = "";
        public long State { get; set; }
        public string StartedBy { get; set; } = "";
        public string StartTime { get; set; } = "";
        public string AcceptedBy { get; set; } = "";
        public string AcceptTime { get; set; } = "";
        public string ClosedBy { get; set; } = "";
        public string CloseTime { get; set; } = "";
        public string CloseReason { get; set; } = "";

        public static Row From(TransferRecord t) => new()
        {
            Id = t.Id,
            NominalId = t.NominalId,
            SendingForce = t.SendingForce,
            ReceivingForce = t.ReceivingForce,
            Reason = t.Reason,
            State = (long)t.State,
            StartedBy = t.StartedBy,
            StartTime = StoredTime.Format(t.StartTime),
            AcceptedBy = t.AcceptedBy,
            AcceptTime = (StoredTime.Format(t.AcceptTime) ?? ""),
            ClosedBy = t.ClosedBy,
            CloseTime = (StoredTime.Format(t.CloseTime) ?? ""),
            CloseReason = t.CloseReason,
        };

        public TransferRecord ToRecord() => new(
            Id, NominalId, SendingForce, ReceivingForce, Reason, (TransferState)State, StartedBy,
            StoredTime.Parse(StartTime), AcceptedBy,
            AcceptTime.Length == 0 ? null : StoredTime.Parse(AcceptTime),
            ClosedBy, CloseTime.Length == 0 ? null : StoredTime.Parse(CloseTime), CloseReason);
    }
}
