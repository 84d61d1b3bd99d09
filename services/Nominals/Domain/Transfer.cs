namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// A nominal offered by its owning (sending) force to another (receiving) force. The one record
/// that two forces are concerned with: the receiving force sees and accepts it, and the nominal
/// moves with the acceptance.
/// </summary>
public sealed record TransferRecord(
    string Id, string NominalId, string SendingForce, string ReceivingForce, string Reason, TransferState State,
    string StartedBy, DateTimeOffset StartTime, string AcceptedBy, DateTimeOffset? AcceptTime)
{
    public const string Collection = "transfers";

    public string ResourceName => ResourceNames.Format(Collection, Id);

    public static TransferRecord Start(string id, string nominalId, string sendingForce, string receivingForce, string reason, string startedBy, DateTimeOffset now) =>
        new(id, nominalId, sendingForce, receivingForce, reason, TransferState.Pending, startedBy, now, "", null);

    /// <summary>Whether the transfer offers the nominal to <paramref name="force"/>: only that force may see and accept it.</summary>
    public bool IsOfferedTo(string force) => ReceivingForce == force;

    /// <summary>The transfer accepted by <paramref name="userId"/>; a transfer is accepted once.</summary>
    public TransferRecord Accept(string userId, DateTimeOffset now) =>
        State == TransferState.Pending
            ? this with { State = TransferState.Accepted, AcceptedBy = userId, AcceptTime = now }
            : throw new PreconditionFailedException("TRANSFER_NOT_PENDING", "name", "the transfer was already accepted");
}
