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
