using System.Data.Common;
using System.Globalization;
using Dapper;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Storage;

public sealed record TransferRecord(
    string Id, string NominalId, string SendingForce, string ReceivingForce, string Reason, TransferState State,
    string StartedBy, DateTimeOffset StartTime, string AcceptedBy, DateTimeOffset? AcceptTime)
{
    public string ResourceName => $"transfers/{Id}";
}

/// <summary>Transfers of nominals between forces.</summary>
public sealed class TransferStore
{
    private const string Columns = "id, nominal_id, sending_force, receiving_force, reason, state, started_by, start_time, accepted_by, accept_time";

    public Task InsertAsync(DbConnection c, DbTransaction tx, TransferRecord t, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO transfers ({Columns}) VALUES (@Id, @NominalId, @SendingForce, @ReceivingForce, @Reason, @State, @StartedBy, @StartTime, @AcceptedBy, @AcceptTime)",
            Row.From(t), tx, cancellationToken: ct));

    public async Task<TransferRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM transfers WHERE id = @id", new { id }, tx, cancellationToken: ct)))?.ToRecord();

    public async Task<bool> HasPendingAsync(DbConnection c, DbTransaction tx, string nominalId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM transfers WHERE nominal_id = @nominalId AND state = @pending",
            new { nominalId, pending = (int)TransferState.Pending }, tx, cancellationToken: ct)) > 0;

    public async Task<bool> MarkAcceptedAsync(DbConnection c, DbTransaction tx, string id, string acceptedBy, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE transfers SET state = @accepted, accepted_by = @acceptedBy, accept_time = @now WHERE id = @id AND state = @pending",
            new { id, acceptedBy, now = now.ToString("O", CultureInfo.InvariantCulture), accepted = (int)TransferState.Accepted, pending = (int)TransferState.Pending },
            tx, cancellationToken: ct)) == 1;

    /// <summary>Transfers into or out of a force, newest first.</summary>
    public async Task<IReadOnlyList<TransferRecord>> ListAsync(DbConnection c, DbTransaction tx, string force, string? beforeId, int limit, CancellationToken ct) =>
        (await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM transfers
            WHERE (sending_force = @force OR receiving_force = @force) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """, new { force, beforeId, limit }, tx, cancellationToken: ct))).Select(r => r.ToRecord()).ToList();

    public Task DeleteForNominalAsync(DbConnection c, DbTransaction tx, string nominalId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("DELETE FROM transfers WHERE nominal_id = @nominalId", new { nominalId }, tx, cancellationToken: ct));

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
