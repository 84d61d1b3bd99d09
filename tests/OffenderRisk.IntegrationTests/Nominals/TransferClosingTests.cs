using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// A pending transfer ends without a move: the sending force cancels it (a mistyped force) or the
/// receiving force rejects it; the nominal stays with its force and officer (R-ID1), the decision
/// records who, when and why (R-AU3) and is audited in both forces (R-AU1).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class TransferClosingTests(SuiteFixture suite)
{
    [Fact]
    public async Task R_ID1_the_sending_force_cancels_a_transfer_to_a_mistyped_force_and_may_start_another()
    {
        var (sending, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await sending.ManageAsync(nominal);
        var mistyped = TestData.NewForce();
        var transfer = (await sending.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = mistyped, Reason = "moved address", Etag = managed.Etag }, sending.AsOfficer)).Transfer;

        var cancelled = (await sending.Client.CancelTransferAsync(new CancelTransferRequest { Name = transfer.Name, Reason = "wrong force code typed" }, sending.AsOfficer)).Transfer;

        Assert.Equal(TransferState.Cancelled, cancelled.State);
        Assert.Equal((NominalScenario.Officer, "wrong force code typed"), (cancelled.ClosedBy, cancelled.CloseReason));
        Assert.NotNull(cancelled.CloseTime);
        var still = await sending.GetAsync(nominal.Name);
        Assert.Equal((sending.Force, NominalScenario.Officer), (still.ForceCode, still.MosovoOfficer));
        var again = await sending.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = TestData.NewForce(), Reason = "moved address", Etag = still.Etag }, sending.AsOfficer);
        Assert.Equal(TransferState.Pending, again.Transfer.State);
        await AssertAuditedInAsync(transfer.Name, sending.Force, mistyped);
    }

    [Fact]
    public async Task R_ID1_the_receiving_supervisor_rejects_a_transfer_and_the_nominal_stays_with_the_sending_force()
    {
        var (sending, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await sending.ManageAsync(nominal);
        var receiving = new NominalScenario(suite, TestData.NewForce());
        var transfer = (await sending.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = receiving.Force, Reason = "moved address", Etag = managed.Etag }, sending.AsOfficer)).Transfer;

        var rejected = (await receiving.Client.RejectTransferAsync(new RejectTransferRequest { Name = transfer.Name, Reason = "not known at that address" }, receiving.AsSupervisor)).Transfer;

        Assert.Equal(TransferState.Rejected, rejected.State);
        Assert.Equal(NominalScenario.Supervisor, rejected.ClosedBy);
        Assert.Equal(sending.Force, (await sending.GetAsync(nominal.Name)).ForceCode);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => receiving.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, receiving.AsOfficer).ResponseAsync);
        var late = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => receiving.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, receiving.AsSupervisor).ResponseAsync);
        Assert.Equal("TRANSFER_NOT_PENDING", late.ErrorInfo().Reason);
        Assert.Contains((await sending.Client.ListTransfersAsync(new ListTransfersRequest(), sending.AsOfficer)).Transfers,
            t => t.Name == transfer.Name && t.State == TransferState.Rejected && t.CloseReason == "not known at that address");
        await AssertAuditedInAsync(transfer.Name, sending.Force, receiving.Force);
    }

    [Fact]
    public async Task Only_the_sending_force_cancels_only_the_receiving_supervisor_rejects_and_a_third_force_finds_nothing()
    {
        var (sending, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await sending.ManageAsync(nominal);
        var receiving = new NominalScenario(suite, TestData.NewForce());
        var third = new NominalScenario(suite, TestData.NewForce());
        var transfer = (await sending.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = receiving.Force, Reason = "moved address", Etag = managed.Etag }, sending.AsOfficer)).Transfer;

        var receiverCancels = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => receiving.Client.CancelTransferAsync(new CancelTransferRequest { Name = transfer.Name, Reason = "r" }, receiving.AsSupervisor).ResponseAsync);
        Assert.Equal("TRANSFER_NOT_SENT_BY_CALLER", receiverCancels.ErrorInfo().Reason);
        var senderRejects = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => sending.Client.RejectTransferAsync(new RejectTransferRequest { Name = transfer.Name, Reason = "r" }, sending.AsSupervisor).ResponseAsync);
        Assert.Equal("TRANSFER_NOT_OFFERED_TO_CALLER", senderRejects.ErrorInfo().Reason);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => third.Client.CancelTransferAsync(new CancelTransferRequest { Name = transfer.Name, Reason = "r" }, third.AsSupervisor).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => third.Client.RejectTransferAsync(new RejectTransferRequest { Name = transfer.Name, Reason = "r" }, third.AsSupervisor).ResponseAsync);
        // A receiving officer is not a supervisor; a reason is required.
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => receiving.Client.RejectTransferAsync(new RejectTransferRequest { Name = transfer.Name, Reason = "r" }, receiving.AsOfficer).ResponseAsync);
        var noReason = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => sending.Client.CancelTransferAsync(new CancelTransferRequest { Name = transfer.Name, Reason = " " }, sending.AsOfficer).ResponseAsync);
        Assert.Contains("reason", noReason.ViolatedFields());
        Assert.Equal(TransferState.Pending, (await sending.Client.ListTransfersAsync(new ListTransfersRequest(), sending.AsOfficer)).Transfers.Single(t => t.Name == transfer.Name).State);
    }

    private async Task AssertAuditedInAsync(string transfer, params string[] forces)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        var entries = (await db.QueryAsync<(long Operation, string SubjectForce)>(
            "SELECT operation, subject_force FROM audit_log WHERE subject = @s ORDER BY sequence", new { s = transfer })).ToList();
        foreach (var force in forces)
        {
            Assert.Contains(entries, e => e.Operation == (long)AuditOperation.Alteration && e.SubjectForce == force);
        }
    }
}
