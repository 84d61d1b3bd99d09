using System.Data.Common;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>R-AU1 and R-AU2, proven on the nominals service's log.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AuditLogTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);
    private AuditService.AuditServiceClient Audit => new(suite.Channel);

    [Fact]
    public async Task R_AU1_each_create_read_list_and_update_writes_exactly_one_entry_with_who_what_when_and_trace()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() },
            suite.As(force, "PC-A001", RoleSets.Mosovo, justification: "New registration at court"))).Nominal;
        var afterCreate = await EntriesAsync(force);
        Assert.Single(afterCreate);
        var entry = afterCreate[0];
        Assert.Equal((long)AuditOperation.Collection, entry.Operation);
        Assert.Equal("PC-A001", entry.Actor);
        Assert.Equal(created.Name, entry.Subject);
        Assert.Equal(force, entry.SubjectForce);
        Assert.Equal("New registration at court", entry.Justification);
        Assert.Equal("/offenderrisk.nominals.v1.NominalsService/CreateNominal", entry.RpcMethod);
        Assert.Matches("^[0-9a-f]{32}$", entry.TraceId);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(entry.OccurTime, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(1));

        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-A002", RoleSets.Officer));
        Assert.Equal(2, (await EntriesAsync(force)).Count);
        Assert.Equal((long)AuditOperation.Consultation, (await EntriesAsync(force))[^1].Operation);

        await Nominals.ListNominalsAsync(new ListNominalsRequest(), suite.As(force, "AN-A003", RoleSets.Analyst));
        Assert.Equal(3, (await EntriesAsync(force)).Count);

        var change = created.Clone();
        change.VisorReference = "TEST/A004";
        await Nominals.UpdateNominalAsync(new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "visor_reference" } } }, suite.As(force, "PC-A001", RoleSets.Mosovo));
        var all = await EntriesAsync(force);
        Assert.Equal(4, all.Count);
        Assert.Equal((long)AuditOperation.Alteration, all[^1].Operation);
    }

    [Fact]
    public async Task R_AU1_a_refused_call_writes_nothing()
    {
        var force = TestData.NewForce();
        var nominal = TestData.Nominal();
        nominal.Category = NominalCategory.Unspecified;
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(force, "PC-A101", RoleSets.Mosovo)).ResponseAsync);
        Assert.Empty(await EntriesAsync(force));
    }

    [Fact]
    public async Task R_AU1_a_failed_audit_write_rolls_the_operation_back()
    {
        var force = TestData.NewForce();
        await using var db = await suite.Storage.OpenAsync("nominals");
        await InstallAuditFailureAsync(db, force);
        try
        {
            var e = await RpcAssert.FailsAsync(StatusCode.Internal,
                () => Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A201", RoleSets.Mosovo)).ResponseAsync);
            Assert.DoesNotContain("audit", e.Status.Detail, StringComparison.OrdinalIgnoreCase); // no internals leak
        }
        finally
        {
            await RemoveAuditFailureAsync(db);
        }
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE force_code = @force", new { force }));

        // With the audit store back, the same call succeeds: the failure was the audit write.
        await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A201", RoleSets.Mosovo));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE force_code = @force", new { force }));
    }

    [Fact]
    public async Task R_AU2_an_altered_entry_is_reported_as_the_first_broken_one()
    {
        var force = TestData.NewForce();
        await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A301", RoleSets.Mosovo));
        var target = (await EntriesAsync(force))[0];
        Assert.True((await VerifyAsync()).Intact);

        await using var db = await suite.Storage.OpenAsync("nominals");
        await db.ExecuteAsync("UPDATE audit_log SET actor = 'PC-SOMEONE-ELSE' WHERE sequence = @s", new { s = target.Sequence });
        try
        {
            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(target.Sequence, verdict.FirstBrokenSequence);
        }
        finally
        {
            await db.ExecuteAsync("UPDATE audit_log SET actor = @a WHERE sequence = @s", new { a = target.Actor, s = target.Sequence });
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task R_AU2_a_removed_entry_is_reported_as_the_first_broken_one()
    {
        var force = TestData.NewForce();
        await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A401", RoleSets.Mosovo));
        await Nominals.ListNominalsAsync(new ListNominalsRequest(), suite.As(force, "PC-A401", RoleSets.Mosovo));
        var target = (await EntriesAsync(force))[0];

        await using var db = await suite.Storage.OpenAsync("nominals");
        await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence = @s", new { s = target.Sequence });
        try
        {
            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(target.Sequence, verdict.FirstBrokenSequence);
        }
        finally
        {
            await db.ExecuteAsync(
                """
                INSERT INTO audit_log (sequence, operation, rpc_method, actor, actor_force, actor_roles, occur_time, subject,
                    subject_force, justification, recipients, trace_id, previous_hash, hash, key_id)
                VALUES (@Sequence, @Operation, @RpcMethod, @Actor, @ActorForce, @ActorRoles, @OccurTime, @Subject,
                    @SubjectForce, @Justification, @Recipients, @TraceId, @PreviousHash, @Hash, @KeyId)
                """, target);
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Only_the_auditor_reads_or_verifies_the_log()
    {
        foreach (var roles in new[] { RoleSets.Mosovo, RoleSets.Supervisor, RoleSets.Analyst })
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
                () => Audit.VerifyAuditLogAsync(new VerifyAuditLogRequest(), AuditCall(suite.As("XA", "PC-A501", roles))).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
                () => Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest(), AuditCall(suite.As("XA", "PC-A501", roles))).ResponseAsync);
        }
    }

    [Fact]
    public async Task The_auditor_lists_a_subjects_entries_through_the_gateway()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A601", RoleSets.Mosovo))).Nominal;
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-A602", RoleSets.Officer));

        var listed = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = created.Name, PageSize = 1 }, AuditCall(suite.As(force, "AU-0001", RoleSets.Auditor)));
        var next = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = created.Name, PageSize = 1, PageToken = listed.NextPageToken }, AuditCall(suite.As(force, "AU-0001", RoleSets.Auditor)));

        Assert.Equal(AuditOperation.Collection, listed.AuditEntries.Single().Operation);
        Assert.Equal(AuditOperation.Consultation, next.AuditEntries.Single().Operation);
        Assert.Equal("PC-A602", next.AuditEntries.Single().Actor);
        Assert.True(next.AuditEntries[0].Sequence > listed.AuditEntries[0].Sequence);
    }

    [Fact]
    public async Task R_AU1_another_forces_auditor_sees_none_of_a_forces_entries()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A701", RoleSets.Mosovo))).Nominal;
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-A702", RoleSets.Officer));

        var own = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = created.Name }, AuditCall(suite.As(force, "AU-0701", RoleSets.Auditor)));
        var other = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = created.Name }, AuditCall(suite.As(TestData.NewForce(), "AU-0702", RoleSets.Auditor)));
        var otherUnfiltered = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 }, AuditCall(suite.As(TestData.NewForce(), "AU-0703", RoleSets.Auditor)));

        Assert.Equal(2, own.AuditEntries.Count);
        Assert.Empty(other.AuditEntries);
        Assert.DoesNotContain(otherUnfiltered.AuditEntries, e => e.SubjectForce == force || e.ActorForce == force);
    }

    [Fact]
    public async Task R_AU2_verification_while_clients_read_and_write_reports_the_chain_intact_every_time()
    {
        var force = TestData.NewForce();
        var read = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-A901", RoleSets.Mosovo))).Nominal;
        using var stop = new CancellationTokenSource();
        async Task WriteAsync(string user)
        {
            // Bounded: at most 200 calls each, and stopped as soon as the checks are done.
            for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, user, RoleSets.Mosovo));
            }
        }
        async Task ReadAsync(string user)
        {
            for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                await Nominals.GetNominalAsync(new GetNominalRequest { Name = read.Name }, suite.As(force, user, RoleSets.Officer));
                await Nominals.ListNominalsAsync(new ListNominalsRequest(), suite.As(force, user, RoleSets.Officer));
            }
        }
        var clients = new[] { WriteAsync("PC-A902"), WriteAsync("PC-A903"), ReadAsync("PC-A904"), ReadAsync("PC-A905") };

        var results = new List<VerifyAuditLogResponse>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(await VerifyAsync());
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(results, r => Assert.True(r.Intact, $"reported broken at {r.FirstBrokenSequence}: {r.Problem}"));
        Assert.True(results[^1].EntriesChecked > results[0].EntriesChecked, "the clients appended while the checks ran");
    }

    private static CallOptions AuditCall(CallOptions options)
    {
        options.Headers!.Add("offenderrisk-audit-log", "nominals");
        return options;
    }

    private async Task<VerifyAuditLogResponse> VerifyAsync() =>
        await Audit.VerifyAuditLogAsync(new VerifyAuditLogRequest(), AuditCall(suite.As("XA", "AU-0002", RoleSets.Auditor)));

    private async Task<List<AuditRowView>> EntriesAsync(string force)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return (await db.QueryAsync<AuditRowView>(
            """
            SELECT sequence, operation, rpc_method AS RpcMethod, actor, actor_force AS ActorForce, actor_roles AS ActorRoles,
                   occur_time AS OccurTime, subject, subject_force AS SubjectForce, justification, recipients,
                   trace_id AS TraceId, previous_hash AS PreviousHash, hash, key_id AS KeyId
            FROM audit_log WHERE actor_force = @force ORDER BY sequence
            """, new { force })).ToList();
    }

    private async Task InstallAuditFailureAsync(DbConnection db, string force)
    {
        if (suite.Storage.IsPostgres)
        {
            await db.ExecuteAsync($"""
                CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger AS $$
                BEGIN
                    IF NEW.actor_force = '{force}' THEN RAISE EXCEPTION 'audit store unavailable (test)'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_audit();
                """);
        }
        else
        {
            await db.ExecuteAsync($"""
                CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log
                WHEN NEW.actor_force = '{force}'
                BEGIN SELECT RAISE(ABORT, 'audit store unavailable (test)'); END;
                """);
        }
    }

    private async Task RemoveAuditFailureAsync(DbConnection db)
    {
        await db.ExecuteAsync(suite.Storage.IsPostgres
            ? "DROP TRIGGER IF EXISTS test_fail_audit ON audit_log; DROP FUNCTION IF EXISTS test_fail_audit();"
            : "DROP TRIGGER IF EXISTS test_fail_audit;");
    }

    public sealed class AuditRowView
    {
        public long Sequence { get; set; }
        public long Operation { get; set; }
        public string RpcMethod { get; set; } = "";
        public string Actor { get; set; } = "";
        public string ActorForce { get; set; } = "";
        public string ActorRoles { get; set; } = "";
        public string OccurTime { get; set; } = "";
        public string Subject { get; set; } = "";
        public string SubjectForce { get; set; } = "";
        public string Justification { get; set; } = "";
        public string Recipients { get; set; } = "";
        public string TraceId { get; set; } = "";
        public string PreviousHash { get; set; } = "";
        public string Hash { get; set; } = "";
        public string KeyId { get; set; } = "";
    }
}
