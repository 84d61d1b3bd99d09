using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Performance;

/// <summary>
/// R-AU1 and R-AU2 for reads whose consultations are group-committed (services/Platform/Audit/
/// ConsultationAppender): each answered read has its entry stored before the answer, a read whose
/// entry cannot be stored fails, and reads and writes arriving together leave one intact chain.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AuditedReadGroupCommitTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);

    [Fact]
    public async Task R_AU1_a_read_whose_audit_entry_cannot_be_stored_fails_and_is_not_answered()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-G101", RoleSets.Mosovo))).Nominal;
        await using var db = await suite.Storage.OpenAsync("nominals");
        var trigger = suite.Storage.IsPostgres
            ? $"""
              CREATE OR REPLACE FUNCTION test_fail_read_audit() RETURNS trigger AS $$
              BEGIN
                  IF NEW.actor_force = '{force}' THEN RAISE EXCEPTION 'audit store unavailable (test)'; END IF;
                  RETURN NEW;
              END $$ LANGUAGE plpgsql;
              CREATE TRIGGER test_fail_read_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_read_audit();
              """
            : $"""
              CREATE TRIGGER test_fail_read_audit BEFORE INSERT ON audit_log WHEN NEW.actor_force = '{force}'
              BEGIN SELECT RAISE(ABORT, 'audit store unavailable (test)'); END;
              """;
        await db.ExecuteAsync(trigger);
        try
        {
            var e = await RpcAssert.FailsAsync(StatusCode.Internal,
                () => Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-G102", RoleSets.Officer)).ResponseAsync);
            Assert.DoesNotContain("audit", e.Status.Detail, StringComparison.OrdinalIgnoreCase);
            await RpcAssert.FailsAsync(StatusCode.Internal,
                () => Nominals.SearchNominalsAsync(new SearchNominalsRequest { Name = "TESTPERSON" }, suite.As(force, "PC-G102", RoleSets.Officer)).ResponseAsync);
        }
        finally
        {
            await db.ExecuteAsync(suite.Storage.IsPostgres
                ? "DROP TRIGGER IF EXISTS test_fail_read_audit ON audit_log; DROP FUNCTION IF EXISTS test_fail_read_audit();"
                : "DROP TRIGGER IF EXISTS test_fail_read_audit;");
        }
        Assert.Equal(0, await ConsultationsAsync(db, force));

        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-G102", RoleSets.Officer));
        Assert.Equal(1, await ConsultationsAsync(db, force));
    }

    [Fact]
    public async Task R_AU2_many_reads_and_writes_at_once_store_an_entry_for_every_answered_read_in_one_intact_chain()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-G201", RoleSets.Mosovo))).Nominal;

        var reads = Enumerable.Range(0, 80).Select(i => Nominals.GetNominalAsync(
            new GetNominalRequest { Name = created.Name }, suite.As(force, $"PC-G2{i:00}", RoleSets.Officer)).ResponseAsync);
        var writes = Enumerable.Range(0, 8).Select(_ => Nominals.CreateNominalAsync(
            new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-G201", RoleSets.Mosovo)).ResponseAsync);
        await Task.WhenAll(reads.Cast<Task>().Concat(writes));

        await using var db = await suite.Storage.OpenAsync("nominals");
        Assert.Equal(80, await ConsultationsAsync(db, force));
        var auditor = suite.As(force, "AU-G201", RoleSets.Auditor);
        auditor.Headers!.Add("offenderrisk-audit-log", "nominals");
        var verdict = await new AuditService.AuditServiceClient(suite.Channel).VerifyAuditLogAsync(new VerifyAuditLogRequest(), auditor);
        Assert.True(verdict.Intact, $"reported broken at {verdict.FirstBrokenSequence}: {verdict.Problem}");
    }

    private static Task<long> ConsultationsAsync(System.Data.Common.DbConnection db, string force) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force AND operation = @op",
            new { force, op = (int)AuditOperation.Consultation });
}
