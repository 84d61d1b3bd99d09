using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>A transfer is offered to one force and accepted once.</summary>
public sealed class TransferTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static TransferRecord Pending() =>
        TransferRecord.Start(Guid.CreateVersion7().ToString("D"), Guid.NewGuid().ToString("D"), "XA", "XB", "moved area", "MO-1", Now);

    [Fact]
    public void A_transfer_is_offered_to_the_receiving_force_only()
    {
        var transfer = Pending();

        Assert.True(transfer.IsOfferedTo("XB"));
        Assert.False(transfer.IsOfferedTo("XA"));
        Assert.False(transfer.IsOfferedTo("XC"));
    }

    [Fact]
    public void Accepting_records_who_and_when()
    {
        var accepted = Pending().Accept("SUP-9", Now.AddHours(1));

        Assert.Equal(TransferState.Accepted, accepted.State);
        Assert.Equal("SUP-9", accepted.AcceptedBy);
        Assert.Equal(Now.AddHours(1), accepted.AcceptTime);
    }

    [Fact]
    public void An_accepted_transfer_cannot_be_accepted_again()
    {
        var accepted = Pending().Accept("SUP-9", Now);

        Assert.Equal("TRANSFER_NOT_PENDING", Assert.Throws<PreconditionFailedException>(() => accepted.Accept("SUP-9", Now)).Reason);
    }
}

/// <summary>A pending transfer ends without a move: cancelled by the sender or rejected by the receiver (R-ID1, R-AU3).</summary>
public sealed class TransferClosingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static TransferRecord Pending() =>
        TransferRecord.Start(Guid.CreateVersion7().ToString("D"), Guid.NewGuid().ToString("D"), "XA", "XB", "moved area", "MO-1", Now);

    [Fact]
    public void R_ID1_the_sending_force_cancels_a_pending_transfer_recording_who_when_and_why()
    {
        var cancelled = Pending().Cancel("XA", "MO-1", "wrong force typed", Now.AddHours(1));

        Assert.Equal(TransferState.Cancelled, cancelled.State);
        Assert.Equal(("MO-1", Now.AddHours(1), "wrong force typed"), (cancelled.ClosedBy, cancelled.CloseTime!.Value, cancelled.CloseReason));
        Assert.Equal("", cancelled.AcceptedBy);
    }

    [Fact]
    public void R_ID1_the_receiving_force_rejects_a_pending_transfer_recording_who_when_and_why()
    {
        var rejected = Pending().Reject("XB", "SUP-9", "not known at that address", Now.AddHours(2));

        Assert.Equal(TransferState.Rejected, rejected.State);
        Assert.Equal(("SUP-9", "not known at that address"), (rejected.ClosedBy, rejected.CloseReason));
    }

    [Fact]
    public void The_receiving_force_cannot_cancel_and_the_sending_force_cannot_reject()
    {
        Assert.Equal("TRANSFER_NOT_SENT_BY_CALLER", Assert.Throws<PreconditionFailedException>(() => Pending().Cancel("XB", "SUP-9", "r", Now)).Reason);
        Assert.Equal("TRANSFER_NOT_OFFERED_TO_CALLER", Assert.Throws<PreconditionFailedException>(() => Pending().Reject("XA", "MO-1", "r", Now)).Reason);
    }

    [Fact]
    public void A_transfer_accepted_cancelled_or_rejected_cannot_be_decided_again()
    {
        var accepted = Pending().Accept("SUP-9", Now);
        var cancelled = Pending().Cancel("XA", "MO-1", "r", Now);
        var rejected = Pending().Reject("XB", "SUP-9", "r", Now);

        Assert.Equal("TRANSFER_NOT_PENDING", Assert.Throws<PreconditionFailedException>(() => accepted.Cancel("XA", "MO-1", "r", Now)).Reason);
        Assert.Equal("TRANSFER_NOT_PENDING", Assert.Throws<PreconditionFailedException>(() => cancelled.Reject("XB", "SUP-9", "r", Now)).Reason);
        Assert.Equal("TRANSFER_NOT_PENDING", Assert.Throws<PreconditionFailedException>(() => rejected.Accept("SUP-9", Now)).Reason);
    }
}
