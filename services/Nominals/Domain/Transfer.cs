namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// A nominal offered by its owning (sending) force to another (receiving) force. The one record
/// that two forces are concerned with: the receiving force sees it and accepts or rejects it, and
/// the nominal moves with the acceptance. Until then the nominal stays with the sending force and
/// its named MOSOVO officer (R-ID1), which may cancel the offer (a mistyped force, a change of
/// plan). A cancellation or rejection records who, when and why (R-AU3) and ends the offer, so a
/// new transfer may start; each is audited (R-AU1).
/// </summary>
public sealed record TransferRecord(
    string Id, string NominalId, string SendingForce, string ReceivingForce, string Reason, TransferState State,
    string StartedBy, DateTimeOffset StartTime, string AcceptedBy, DateTimeOffset? AcceptTime,
    string ClosedBy = "", DateTimeOffset? CloseTime = null, string CloseReason = "")
{
    public const string Collection = "transfers";

    public string ResourceName => ResourceNames.Format(Collection, Id);

    public static TransferRecord Start(string id, string nominalId, string sendingForce, string receivingForce, string reason, string startedBy, DateTimeOffset now) =>
        new(id, nominalId, sendingForce, receivingForce, reason, TransferState.Pending, startedBy, now, "", null);

    /// <summary>Whether the transfer offers the nominal to <paramref name="force"/>: only that force may see and accept it.</summary>
    public bool IsOfferedTo(string force) => ReceivingForce == force;

    /// <summary>Whether <paramref name="force"/> is one of the two forces concerned; to any other the transfer does not exist.</summary>
    public bool Concerns(string force) => SendingForce == force || ReceivingForce == force;

    /// <summary>The transfer accepted by <paramref name="userId"/>; a transfer is accepted once.</summary>
    public TransferRecord Accept(string userId, DateTimeOffset now)
    {
        RequirePending("accepted");
        return this with { State = TransferState.Accepted, AcceptedBy = userId, AcceptTime = now };
    }

    /// <summary>
    /// The sending force withdraws its pending offer (R-ID1: the nominal never left it); the
    /// receiving force rejects instead.
    /// </summary>
    public TransferRecord Cancel(string force, string userId, string reason, DateTimeOffset now)
    {
        if (force != SendingForce)
        {
            throw new PreconditionFailedException("TRANSFER_NOT_SENT_BY_CALLER", "name",
                "only the sending force may cancel a transfer; the receiving force rejects it");
        }
        RequirePending("cancelled");
        return this with { State = TransferState.Cancelled, ClosedBy = userId, CloseTime = now, CloseReason = reason };
    }

    /// <summary>The receiving force declines the offer; the nominal stays with the sending force (R-ID1).</summary>
    public TransferRecord Reject(string force, string userId, string reason, DateTimeOffset now)
    {
        if (!IsOfferedTo(force))
        {
            throw new PreconditionFailedException("TRANSFER_NOT_OFFERED_TO_CALLER", "name",
                "only the receiving force may reject a transfer; the sending force cancels it");
        }
        RequirePending("rejected");
        return this with { State = TransferState.Rejected, ClosedBy = userId, CloseTime = now, CloseReason = reason };
    }

    private void RequirePending(string verb)
    {
        if (State != TransferState.Pending)
        {
            throw new PreconditionFailedException("TRANSFER_NOT_PENDING", "name",
                $"the transfer was already {State.ToString().ToLowerInvariant()} and cannot be {verb}");
        }
    }
}
