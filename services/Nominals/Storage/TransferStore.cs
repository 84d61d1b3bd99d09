using System.Data.Common;
using System.Globalization;
using Dapper;

namespace OffenderRisk.Nominals.Storage;

public sealed record TransferRecord(
    string Id, string NominalId, string SendingForce, string ReceivingForce, string Reason, TransferState State,
    string StartedBy, DateTimeOffset StartTime, string AcceptedBy, DateTimeOffset? AcceptTime)
{
    public string ResourceName => $"transfers/{Id}";

    public static TransferRecord Start(string id, string nominalId, string sendingForce, string receivingForce, string reason, string startedBy, DateTimeOffset now) =>
        new(id, nominalId, sendingForce, receivingForce, reason, TransferState.Pending, startedBy, now, "", null);

    /// <summary>Whether the transfer offers the nominal to <paramref name="force"/>: only that force may see and accept it.</summary>
    public bool IsOfferedTo(string force) => ReceivingForce == force;
}

/// <summary>Transfers of nominals between forces.</summary>
public sealed class TransferStore
{
    private const string Columns = "id, nominal_id, sending_force, receiving_force, reason, state, started_by, start_time, accepted_by, accept_time";

    public Task InsertAsync(Session s, TransferRecord t) =>
        s.ExecuteAsync(
            $"INSERT INTO transfers ({Columns}) VALUES (@Id, @NominalId, @SendingForce, @ReceivingForce, @Reason, @State, @StartedBy, @StartTime, @AcceptedBy, @AcceptTime)",
            Row.From(t));

    public async Task<TransferRecord?> FindAsync(Session s, string id) =>
        (await s.SingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM transfers WHERE id = @id", new { id }))?.ToRecord();

    public async Task<bool> HasPendingAsync(Session s, string nominalId) =>
        await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM transfers WHERE nominal_id = @nominalId AND state = @pending",
            new { nominalId, pending = (int)TransferState.Pending }) > 0;

    public async Task<bool> MarkAcceptedAsync(Session s, string id, string acceptedBy, DateTimeOffset now) =>
        await s.ExecuteAsync(
            "UPDATE transfers SET state = @accepted, accepted_by = @acceptedBy, accept_time = @now WHERE id = @id AND state = @pending",
            new { id, acceptedBy, now = now.ToString("O", CultureInfo.InvariantCulture), accepted = (int)TransferState.Accepted, pending = (int)TransferState.Pending }) == 1;

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

        public static Row From(TransferRecord t) => new()
        {
            Id = t.Id,
            NominalId = t.NominalId,
            SendingForce = t.SendingForce,
            ReceivingForce = t.ReceivingForce,
            Reason = t.Reason,
            State = (long)t.State,
            StartedBy = t.StartedBy,
            StartTime = t.StartTime.ToString("O", CultureInfo.InvariantCulture),
            AcceptedBy = t.AcceptedBy,
            AcceptTime = t.AcceptTime?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };

        public TransferRecord ToRecord() => new(
            Id, NominalId, SendingForce, ReceivingForce, Reason, (TransferState)State, StartedBy,
            DateTimeOffset.Parse(StartTime, CultureInfo.InvariantCulture), AcceptedBy,
            AcceptTime.Length == 0 ? null : DateTimeOffset.Parse(AcceptTime, CultureInfo.InvariantCulture));
    }
}
