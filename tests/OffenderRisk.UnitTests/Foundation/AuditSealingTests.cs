using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Storage;
using AuditOperation = OffenderRisk.Contracts.Audit.V1.AuditOperation;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// R-AU2's keys and checkpoints: which settings start where, entries written before the keys, and
/// checkpoints that cannot be trusted. (Forgery through the running suite: the integration tests'
/// AuditForgeryTests.)
/// </summary>
public sealed class AuditSealingTests : IAsyncLifetime
{
    private static readonly string StrongKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audit-sealing-{Guid.NewGuid():N}.db");
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await SchemaMigrator.MigrateAsync(_database, SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
        if (Directory.Exists(CheckpointDirectory))
        {
            Directory.Delete(CheckpointDirectory, recursive: true);
        }
    }

    private string CheckpointDirectory => _file + ".checkpoints";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void R_AU2_outside_Development_and_Testing_a_missing_key_refuses_the_start(string environment)
    {
        var e = Assert.Throws<InvalidOperationException>(() => AuditKeyRing.From(Settings(), new Environment(environment)));
        Assert.Contains(AuditKeyRing.KeysSection, e.Message);
    }

    [Theory]
    [InlineData("c2hvcnQ=")] // 5 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    [InlineData("not base64!")]
    public void R_AU2_a_weak_or_unreadable_key_refuses_the_start_and_the_message_does_not_quote_it(string secret)
    {
        var e = Assert.Throws<InvalidOperationException>(() => AuditKeyRing.From(
            Settings(("Audit:Keys:k1", secret), ("Audit:CurrentKeyId", "k1")), new Environment("Production")));
        Assert.DoesNotContain(secret, e.Message);
    }

    [Fact]
    public void R_AU2_the_current_key_must_be_one_of_the_keys_and_the_development_key_id_is_refused_in_production()
    {
        Assert.Throws<InvalidOperationException>(() => AuditKeyRing.From(Settings(("Audit:Keys:k1", StrongKey), ("Audit:CurrentKeyId", "k2")), new Environment("Production")));
        Assert.Throws<InvalidOperationException>(() => AuditKeyRing.From(Settings(("Audit:Keys:k1", StrongKey)), new Environment("Production")));
        Assert.Throws<InvalidOperationException>(() => AuditKeyRing.From(
            Settings(("Audit:Keys:development", StrongKey), ("Audit:CurrentKeyId", "development")), new Environment("Production")));
        var ring = AuditKeyRing.From(Settings(("Audit:Keys:k1", StrongKey), ("Audit:Keys:k2", StrongKey), ("Audit:CurrentKeyId", "k2")), new Environment("Production"));
        Assert.Equal("k2", ring.CurrentKeyId);
        Assert.True(ring.Holds("k1"));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Development_and_Testing_without_keys_seal_with_the_development_key(string environment)
    {
        Assert.Equal(AuditKeyRing.DevelopmentKeyId, AuditKeyRing.From(Settings(), new Environment(environment)).CurrentKeyId);
        Assert.EndsWith(Path.Combine("audit-checkpoints", "nominals"), AuditCheckpointOptions.From(Settings(), new Environment(environment), "nominals").Directory);
    }

    [Fact]
    public void R_AU2_outside_Development_and_Testing_the_checkpoint_directory_must_be_set()
    {
        Assert.Throws<InvalidOperationException>(() => AuditCheckpointOptions.From(Settings(), new Environment("Production"), "nominals"));
        Assert.Equal(Path.Combine("/srv/checkpoints", "nominals"),
            AuditCheckpointOptions.From(Settings(("Audit:Checkpoints:Directory", "/srv/checkpoints")), new Environment("Production"), "nominals").Directory);
    }

    [Fact]
    public async Task R_AU2_entries_written_before_the_keys_verify_once_the_first_checkpoint_adopts_them_and_new_entries_are_sealed()
    {
        await AppendLegacyAsync(3);
        var verifier = Verifier(AuditKeyRing.Development);
        Assert.False((await verifier.VerifyAsync(CancellationToken.None)).Intact); // no checkpoint yet: nothing keyless is trusted

        var (adopted, _) = await verifier.CheckpointAsync(CancellationToken.None);
        Assert.NotNull(adopted);
        Assert.Equal(3, adopted.LegacyThrough);
        await _database.InTransactionAsync(s => new AuditWriter(TimeProvider.System, AuditKeyRing.Development).AppendAsync(s, Actor(), Consulted()), CancellationToken.None);

        var verdict = await verifier.VerifyAsync(CancellationToken.None);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(4, verdict.EntriesChecked);
        Assert.Equal(3, verdict.CheckpointSequence);

        // A keyless entry after the boundary is one only a forger could have written.
        await AppendLegacyAsync(1);
        var forged = await verifier.VerifyAsync(CancellationToken.None);
        Assert.False(forged.Intact);
        Assert.Equal(5, forged.FirstBrokenSequence);
    }

    [Fact]
    public async Task R_AU2_a_checkpoint_whose_seal_does_not_hold_is_reported()
    {
        await _database.InTransactionAsync(s => new AuditWriter(TimeProvider.System, AuditKeyRing.Development).AppendAsync(s, Actor(), Consulted()), CancellationToken.None);
        var store = new DirectoryCheckpointStore(CheckpointDirectory);
        await store.AppendAsync(new AuditCheckpoint("test", 1, new string('a', 64), 0, DateTimeOffset.UtcNow, AuditKeyRing.DevelopmentKeyId, new string('b', 64)), CancellationToken.None);

        var verdict = await Verifier(AuditKeyRing.Development).VerifyAsync(CancellationToken.None);
        Assert.False(verdict.Intact);
        Assert.Contains("seal", verdict.Problem);
    }

    [Fact]
    public async Task R_AU2_the_checkpoint_store_only_grows()
    {
        var store = new DirectoryCheckpointStore(CheckpointDirectory);
        var keys = AuditKeyRing.Development;
        foreach (var sequence in new long[] { 9, 10, 2 })
        {
            var c = new AuditCheckpoint("test", sequence, new string('a', 64), 0, DateTimeOffset.UtcNow, keys.CurrentKeyId);
            await store.AppendAsync(c with { Seal = c.ComputeSeal(keys) }, CancellationToken.None);
        }
        Assert.Equal(3, Directory.GetFiles(CheckpointDirectory).Length);
        Assert.Equal(10, (await store.LatestAsync(CancellationToken.None))!.Sequence);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.GetFiles(CheckpointDirectory))
            {
                Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }
        }
    }

    private AuditChainVerifier Verifier(AuditKeyRing keys) =>
        new(_database, keys, new DirectoryCheckpointStore(CheckpointDirectory), "test", TimeProvider.System);

    /// <summary>Entries as the writer made them before the keys: no key id, the keyless SHA-256.</summary>
    private async Task AppendLegacyAsync(int count)
    {
        await _database.InTransactionAsync(async s =>
        {
            var head = await s.SingleAsync<(long Sequence, string Hash)>("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1");
            var previous = head.Hash;
            for (var i = 1; i <= count; i++)
            {
                var row = new AuditRow
                {
                    Sequence = head.Sequence + i, Operation = 3, RpcMethod = "/test/Legacy", Actor = "PC-L001", ActorForce = "XA",
                    ActorRoles = "[\"officer\"]", OccurTime = "2026-11-27T10:00:00.0000000+00:00", Subject = "nominals/legacy",
                    SubjectForce = "XA", PreviousHash = previous,
                };
                row = row with { Hash = row.ComputeLegacyHash() };
                await s.ExecuteAsync(
                    $"INSERT INTO audit_log ({AuditRow.SelectColumns}) VALUES (@Sequence, @Operation, @RpcMethod, @Actor, @ActorForce, @ActorRoles, @OccurTime, @Subject, @SubjectForce, @Justification, @Recipients, @TraceId, @PreviousHash, @Hash, @KeyId)",
                    row);
                previous = row.Hash;
            }
            await s.ExecuteAsync("UPDATE audit_chain_head SET last_sequence = @sequence, last_hash = @previous WHERE id = 1", new { sequence = head.Sequence + count, previous });
        }, CancellationToken.None);
    }

    private static AuditActor Actor() => new("PC-0001", "XA", ["officer"], "/test/Get", "", "");

    private static AuditEvent Consulted() => new(AuditOperation.Consultation, "nominals/1", "XA");

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
