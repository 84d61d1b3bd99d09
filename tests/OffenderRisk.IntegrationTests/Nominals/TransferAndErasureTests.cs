using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

[Collection(SuiteCollection.Name)]
public sealed class TransferAndErasureTests(SuiteFixture suite)
{
    [Fact]
    public async Task Transfer_the_receiving_supervisor_accepts_ownership_moves_and_both_forces_audit_shows_it()
    {
        var (sending, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await sending.ManageAsync(nominal);
        var receiving = new NominalScenario(suite, TestData.NewForce());

        var transfer = (await sending.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = receiving.Force, Reason = "moved address", Etag = managed.Etag }, sending.AsOfficer)).Transfer;
        Assert.Equal(TransferState.Pending, transfer.State);
        // Until accepted the receiving force cannot read it, and the sending force still can.
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => receiving.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, receiving.AsOfficer).ResponseAsync);
        Assert.Contains(transfer.Name, (await receiving.Client.ListTransfersAsync(new ListTransfersRequest(), receiving.AsOfficer)).Transfers.Select(t => t.Name));

        // Not the sending force's supervisor, and not a receiving officer: only the receiving supervisor.
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => sending.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, sending.AsSupervisor).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => receiving.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, receiving.AsOfficer).ResponseAsync);
        var accepted = await receiving.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, receiving.AsSupervisor);

        Assert.Equal(TransferState.Accepted, accepted.Transfer.State);
        Assert.Equal(receiving.Force, accepted.Nominal.ForceCode);
        Assert.Equal(ManagementStatus.Pending, accepted.Nominal.ManagementStatus); // R-ID1: the new force names its officer
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => sending.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, sending.AsOfficer).ResponseAsync);
        Assert.Equal(receiving.Force, (await receiving.GetAsync(nominal.Name)).ForceCode);

        await using var db = await suite.Storage.OpenAsync("nominals");
        var entries = (await db.QueryAsync<(long Operation, string ActorForce, string SubjectForce)>(
            "SELECT operation, actor_force, subject_force FROM audit_log WHERE subject = @s ORDER BY sequence", new { s = nominal.Name })).ToList();
        Assert.Contains(entries, e => e.Operation == (long)AuditOperation.Disclosure && e.ActorForce == sending.Force); // started
        Assert.Contains(entries, e => e.Operation == (long)AuditOperation.Disclosure && e.SubjectForce == sending.Force && e.ActorForce == receiving.Force);
        Assert.Contains(entries, e => e.Operation == (long)AuditOperation.Collection && e.SubjectForce == receiving.Force && e.ActorForce == receiving.Force);
    }

    [Fact]
    public async Task Transfer_to_the_own_force_or_twice_at_once_is_refused()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = s.Force, Reason = "r", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Contains("receiving_force", e.ViolatedFields());
        await s.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = TestData.NewForce(), Reason = "r", Etag = nominal.Etag }, s.AsOfficer);
        var twice = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => s.Client.StartTransferAsync(new StartTransferRequest { Name = nominal.Name, ReceivingForce = TestData.NewForce(), Reason = "r", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal("TRANSFER_PENDING", twice.ErrorInfo().Reason);
    }

    [Fact]
    public async Task R_AU1_erasure_is_for_auditors_and_administrators_removes_the_record_and_is_audited()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        foreach (var roles in new[] { RoleSets.Mosovo, RoleSets.Supervisor })
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
                () => s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "r" }, suite.As(s.Force, "X-1", roles)).ResponseAsync);
        }
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "r" }, suite.As(TestData.NewForce(), "ADM-OTHER", ["administrator"])).ResponseAsync);

        await s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "created in error (synthetic)" }, suite.As(s.Force, "ADM-0001", ["administrator"]));

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, s.AsOfficer).ResponseAsync);
        await using var db = await suite.Storage.OpenAsync("nominals");
        var erasure = await db.QuerySingleAsync<(string Actor, string Justification)>(
            "SELECT actor, justification FROM audit_log WHERE subject = @s AND operation = @op", new { s = nominal.Name, op = (long)AuditOperation.Erasure });
        Assert.Equal("ADM-0001", erasure.Actor);
        Assert.Contains("created in error", erasure.Justification, StringComparison.Ordinal);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE id = @id", new { id = nominal.Name["nominals/".Length..] }));
    }
}
