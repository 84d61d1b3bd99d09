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
/// R-AU1 and R-AU2 under group commit: consultations appended together form one unbroken chain with
/// the writes' entries, each caller returns only once its entry is stored, a failed batch fails
/// every call in it, and the benchmark's switch is refused where it must not be.
/// </summary>
public sealed class ConsultationGroupCommitTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audit-group-{Guid.NewGuid():N}.db");
    private readonly SteppingClock _clock = new();
    private Database _database = null!;
    private AuditWriter _writer = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await SchemaMigrator.MigrateAsync(_database, SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite), CancellationToken.None);
        _writer = new AuditWriter(_clock, AuditKeyRing.Development);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    private AuditChainVerifier Verifier => new(_database, AuditKeyRing.Development, new DirectoryCheckpointStore(_file + ".checkpoints"), "test", _clock);

    [Fact]
    public async Task R_AU2_a_batch_is_appended_as_consecutive_links_among_single_appends_and_the_chain_verifies()
    {
        await _database.InTransactionAsync(s => _writer.AppendAsync(s, Actor("PC-0001"), Consulted("nominals/a")), CancellationToken.None);
        // More than one INSERT statement's worth of rows.
        var batch = Enumerable.Range(0, 600).Select(i => new AuditedAction(Actor($"PC-{i:0000}"), Consulted($"nominals/{i}"))).ToList();
        await _database.InTransactionAsync(s => _writer.AppendAsync(s, batch), CancellationToken.None);
        await _database.InTransactionAsync(s => _writer.AppendAsync(s, Actor("PC-0002"), Consulted("nominals/b")), CancellationToken.None);

        var rows = await RowsAsync();
        Assert.Equal(Enumerable.Range(1, 602).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(["nominals/a", .. batch.Select(b => b.Event.Subject), "nominals/b"], rows.Select(r => r.Subject));
        var verdict = await Verifier.VerifyAsync(CancellationToken.None);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(602, verdict.EntriesChecked);
    }

    [Fact]
    public async Task R_AU1_consultations_waiting_together_are_committed_in_one_batch_and_each_caller_returns_once_its_entry_is_stored()
    {
        var appender = new ConsultationAppender(_database, _writer, new AuditOptions());
        Task[] reads;
        await using (var blocker = await HoldWriteLockAsync())
        {
            // The first entry starts the writer, which waits for the lock; the rest gather meanwhile.
            reads = Enumerable.Range(0, 50).Select(i => appender.AppendAsync(Actor($"PC-{i:0000}"), Consulted($"nominals/{i}"), CancellationToken.None)).ToArray();
            await Task.Delay(300);
            Assert.DoesNotContain(reads, r => r.IsCompleted);
        }
        await Task.WhenAll(reads);

        var rows = await RowsAsync();
        Assert.Equal(50, rows.Count);
        // One clock reading per batch: the 49 that gathered behind the first share one.
        Assert.True(rows.Select(r => r.OccurTime).Distinct().Count() <= 2, "the waiting entries were not committed together");
        Assert.True((await Verifier.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task R_AU2_reads_and_writes_appending_at_once_share_one_unbroken_chain()
    {
        var appender = new ConsultationAppender(_database, _writer, new AuditOptions { MaxBatch = 8 });
        var reads = Enumerable.Range(0, 120).Select(i => appender.AppendAsync(Actor("PC-0001"), Consulted($"nominals/{i}"), CancellationToken.None));
        var writes = Enumerable.Range(0, 30).Select(i => _database.InTransactionAsync(
            s => _writer.AppendAsync(s, Actor("PC-0002"), new AuditEvent(AuditOperation.Alteration, $"nominals/w{i}", "XA")), CancellationToken.None));
        await Task.WhenAll(reads.Concat(writes));

        var verdict = await Verifier.VerifyAsync(CancellationToken.None);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(150, verdict.EntriesChecked);
    }

    [Fact]
    public async Task R_AU1_a_failed_batch_fails_every_call_in_it_and_stores_none_of_them()
    {
        var appender = new ConsultationAppender(_database, _writer, new AuditOptions());
        await using (var db = await OpenAsync())
        {
            await db.ExecuteAsync("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit store unavailable (test)'); END;");
        }
        var reads = Enumerable.Range(0, 20).Select(i => appender.AppendAsync(Actor("PC-0001"), Consulted($"nominals/{i}"), CancellationToken.None)).ToArray();
        foreach (var read in reads)
        {
            await Assert.ThrowsAsync<SqliteException>(() => read);
        }
        Assert.Empty(await RowsAsync());

        await using (var db = await OpenAsync())
        {
            await db.ExecuteAsync("DROP TRIGGER fail_audit");
        }
        await appender.AppendAsync(Actor("PC-0001"), Consulted("nominals/again"), CancellationToken.None);
        Assert.Single(await RowsAsync());
        Assert.True((await Verifier.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_caller_waiting_for_room_in_a_full_queue_can_give_up()
    {
        var appender = new ConsultationAppender(_database, _writer, new AuditOptions { MaxBatch = 1, MaxQueued = 1 });
        Task first;
        await using (var blocker = await HoldWriteLockAsync())
        {
            first = appender.AppendAsync(Actor("PC-0001"), Consulted("nominals/1"), CancellationToken.None);
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => appender.AppendAsync(Actor("PC-0002"), Consulted("nominals/2"), giveUp.Token));
        }
        await first;
        Assert.Equal(["nominals/1"], (await RowsAsync()).Select(r => r.Subject));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_benchmark_switch_is_refused_outside_Development_and_Testing(string environment)
    {
        var e = Assert.Throws<InvalidOperationException>(() => AuditOptions.From(Settings(AuditOptions.BenchmarkSkipReadsKey, "true"), new Environment(environment)));
        Assert.Contains(AuditOptions.BenchmarkSkipReadsKey, e.Message);
        Assert.False(AuditOptions.From(Settings(AuditOptions.BenchmarkSkipReadsKey, "false"), new Environment(environment)).BenchmarkSkipReads);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task The_benchmark_switch_leaves_consultations_out_where_it_is_allowed(string environment)
    {
        var options = AuditOptions.From(Settings(AuditOptions.BenchmarkSkipReadsKey, "true"), new Environment(environment));
        await new ConsultationAppender(_database, _writer, options).AppendAsync(Actor("PC-0001"), Consulted("nominals/1"), CancellationToken.None);
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public void Batch_and_queue_bounds_must_be_usable()
    {
        Assert.Throws<InvalidOperationException>(() => AuditOptions.From(Settings("Audit:MaxBatch", "0"), new Environment("Production")));
        Assert.Throws<InvalidOperationException>(() => AuditOptions.From(Settings("Audit:MaxQueued", "10"), new Environment("Production")));
    }

    private static AuditActor Actor(string user) =>
        new(user, "XA", ["officer"], "/offenderrisk.nominals.v1.NominalsService/GetNominal", "", "0af7651916cd43dd8448eb211c80319c");

    private static AuditEvent Consulted(string subject) => new(AuditOperation.Consultation, subject, "XA");

    private async Task<List<AuditRow>> RowsAsync()
    {
        await using var db = await OpenAsync();
        return (await db.QueryAsync<AuditRow>($"SELECT {AuditRow.SelectColumns} FROM audit_log ORDER BY sequence")).ToList();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await db.OpenAsync();
        return db;
    }

    /// <summary>Another connection's write transaction: the appender's batch waits behind it until it is disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var db = await OpenAsync();
        await db.ExecuteAsync("BEGIN IMMEDIATE");
        return new Release(db);
    }

    private sealed class Release(SqliteConnection db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.ExecuteAsync("COMMIT");
            await db.DisposeAsync();
        }
    }

    private static IConfiguration Settings(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>Moves on a second at every reading, so entries stamped at different readings differ.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _readings;

        public override DateTimeOffset GetUtcNow() =>
            new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _readings));
    }
}
