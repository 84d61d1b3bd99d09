using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>
/// R-AU2 against someone who can write the database: rewriting entries with every later hash
/// recomputed, and cutting the tail with the head moved back. These tests tamper with the chain,
/// so they run on a suite of their own where nothing else writes.
/// </summary>
[Collection(AuditForgeryCollection.Name)]
public sealed class AuditForgeryTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);
    private AuditService.AuditServiceClient Audit => new(suite.Channel);

    [Fact]
    public async Task R_AU2_a_rewritten_entry_with_recomputed_hashes_is_detected()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-F001", RoleSets.Mosovo))).Nominal;
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-F002", RoleSets.Officer));
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-F003", RoleSets.Officer));
        Assert.True((await VerifyAsync()).Intact);

        await using var db = await suite.Storage.OpenAsync("nominals");
        var original = await ChainAsync(db);
        var target = original.First(r => r.Actor == "PC-F002");
        // The forger changes who read the nominal and recomputes every later link, in the one form
        // it can compute: the keyless SHA-256 of the published source.
        var forged = new List<Row>();
        var previous = original.Single(r => r.Sequence == target.Sequence - 1).Hash;
        foreach (var row in original.Where(r => r.Sequence >= target.Sequence))
        {
            var f = row with { Actor = row.Sequence == target.Sequence ? "PC-SOMEONE-ELSE" : row.Actor, PreviousHash = previous, KeyId = "" };
            f = f with { Hash = KeylessHash(f) };
            forged.Add(f);
            previous = f.Hash;
        }
        await RewriteAsync(db, forged);
        try
        {
            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(target.Sequence, verdict.FirstBrokenSequence);
        }
        finally
        {
            await RewriteAsync(db, original.Where(r => r.Sequence >= target.Sequence).ToList());
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task R_AU2_a_removed_tail_with_the_head_moved_back_is_detected_against_the_last_checkpoint()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-F101", RoleSets.Mosovo))).Nominal;
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-F102", RoleSets.Officer));
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-F103", RoleSets.Officer));
        var checkpoint = await Audit.CheckpointAuditLogAsync(new CheckpointAuditLogRequest(), AuditCall(suite.As("XA", "AU-F100", RoleSets.Auditor)));

        await using var db = await suite.Storage.OpenAsync("nominals");
        var original = await ChainAsync(db);
        var keep = original.First(r => r.Actor == "PC-F102");
        Assert.True(keep.Sequence < checkpoint.Checkpoint.Sequence);
        var tail = original.Where(r => r.Sequence > keep.Sequence).ToList();
        await using (var cut = await db.BeginTransactionAsync())
        {
            await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence > @s", new { s = keep.Sequence }, cut);
            await db.ExecuteAsync("UPDATE audit_chain_head SET last_sequence = @Sequence, last_hash = @Hash WHERE id = 1", keep, cut);
            await cut.CommitAsync();
        }
        try
        {
            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(keep.Sequence + 1, verdict.FirstBrokenSequence);
            Assert.Contains("checkpoint", verdict.Problem, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await RewriteAsync(db, tail);
        }
        var restored = await VerifyAsync();
        Assert.True(restored.Intact, restored.Problem);
        Assert.True(restored.CheckpointSequence >= checkpoint.Checkpoint.Sequence);
    }

    [Fact]
    public async Task R_AU2_entries_sealed_with_a_retired_key_still_verify_after_the_current_key_changes()
    {
        var force = TestData.NewForce();
        await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-F201", RoleSets.Mosovo));
        try
        {
            await suite.RestartServiceAsync("nominals", new Dictionary<string, string> { ["Audit__CurrentKeyId"] = SuiteFixture.AuditNextKeyId });
            await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-F202", RoleSets.Mosovo));
            var verdict = await VerifyAsync();
            Assert.True(verdict.Intact, verdict.Problem);
        }
        finally
        {
            // Back to the first key; the second stays configured, so what it sealed still verifies.
            await suite.RestartServiceAsync("nominals");
        }
        var entries = (await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 }, AuditCall(suite.As(force, "AU-F200", RoleSets.Auditor)))).AuditEntries;
        Assert.Equal([SuiteFixture.AuditCurrentKeyId, SuiteFixture.AuditNextKeyId], entries.Where(e => e.Actor is "PC-F201" or "PC-F202").Select(e => e.KeyId));
        var after = await VerifyAsync();
        Assert.True(after.Intact, after.Problem);
    }

    private static CallOptions AuditCall(CallOptions options)
    {
        options.Headers!.Add("offenderrisk-audit-log", "nominals");
        return options;
    }

    private async Task<VerifyAuditLogResponse> VerifyAsync() =>
        await Audit.VerifyAuditLogAsync(new VerifyAuditLogRequest(), AuditCall(suite.As("XA", "AU-F000", RoleSets.Auditor)));

    private static async Task<List<Row>> ChainAsync(DbConnection db) =>
        (await db.QueryAsync<Row>(
            """
            SELECT sequence, operation, rpc_method AS RpcMethod, actor, actor_force AS ActorForce, actor_roles AS ActorRoles,
                   occur_time AS OccurTime, subject, subject_force AS SubjectForce, justification, recipients,
                   trace_id AS TraceId, previous_hash AS PreviousHash, hash, key_id AS KeyId
            FROM audit_log ORDER BY sequence
            """)).ToList();

    /// <summary>
    /// Replaces these entries (inserting any missing) and points the head at the last, in one
    /// transaction. Entries after them go: the audit entries of the verifications this test made
    /// while the chain was forged, which link to the forgery.
    /// </summary>
    private static async Task RewriteAsync(DbConnection db, IReadOnlyList<Row> rows)
    {
        await using var transaction = await db.BeginTransactionAsync();
        foreach (var row in rows)
        {
            await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence = @Sequence", row, transaction);
            await db.ExecuteAsync(
                """
                INSERT INTO audit_log (sequence, operation, rpc_method, actor, actor_force, actor_roles, occur_time, subject,
                    subject_force, justification, recipients, trace_id, previous_hash, hash, key_id)
                VALUES (@Sequence, @Operation, @RpcMethod, @Actor, @ActorForce, @ActorRoles, @OccurTime, @Subject,
                    @SubjectForce, @Justification, @Recipients, @TraceId, @PreviousHash, @Hash, @KeyId)
                """, row, transaction);
        }
        var last = rows[^1];
        await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence > @Sequence", last, transaction);
        await db.ExecuteAsync("UPDATE audit_chain_head SET last_sequence = @Sequence, last_hash = @Hash WHERE id = 1", last, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>The keyless SHA-256 over the entry's fields as a JSON array (the form of the published source before R-AU2's key).</summary>
    private static string KeylessHash(Row r)
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            r.Sequence, r.Operation, r.RpcMethod, r.Actor, r.ActorForce, r.ActorRoles, r.OccurTime, r.Subject,
            r.SubjectForce, r.Justification, r.Recipients, r.TraceId, r.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public sealed record Row
    {
        public long Sequence { get; init; }
        public long Operation { get; init; }
        public string RpcMethod { get; init; } = "";
        public string Actor { get; init; } = "";
        public string ActorForce { get; init; } = "";
        public string ActorRoles { get; init; } = "";
        public string OccurTime { get; init; } = "";
        public string Subject { get; init; } = "";
        public string SubjectForce { get; init; } = "";
        public string Justification { get; init; } = "";
        public string Recipients { get; init; } = "";
        public string TraceId { get; init; } = "";
        public string PreviousHash { get; init; } = "";
        public string Hash { get; init; } = "";
        public string KeyId { get; init; } = "";
    }
}

/// <summary>A suite of its own for the tests that tamper with the audit chain.</summary>
[CollectionDefinition(Name)]
public sealed class AuditForgeryCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "audit-forgery";
}
