using Microsoft.Data.Sqlite;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using AuditOperation = OffenderRisk.Contracts.Audit.V1.AuditOperation;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The nominal feed consumer's apply step and the erasure and transfer handler, on a real
/// (temporary) SQLite database with the assessments service's tables: what an event changes, what
/// it logs, and that a re-delivered event changes nothing.
/// </summary>
public sealed class NominalFeedConsumerTests : IAsyncLifetime
{
    private const string Consumer = "assessments";
    private const string Nominal = "019a0000-0000-7000-8000-000000000001";
    private const string OtherNominal = "019a0000-0000-7000-8000-000000000002";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"nominal-feed-{Guid.NewGuid():N}.db");
    private readonly AssessmentStore _store = new();
    private Database _database = null!;
    private IFeedHandler<NominalEventType>[] _handlers = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(AssessmentStore).Assembly, "assessments", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
        var records = new RecordAccess(_database, new AuditWriter(TimeProvider.System, AuditKeyRing.Development), TimeProvider.System);
        _handlers = [new NominalHoldingsHandler([_store], records, Consumer)];
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task R_AU1_an_erased_event_deletes_the_nominals_rows_and_their_idempotency_keys_and_logs_one_erasure()
    {
        var erased = await AddAsync(Nominal, "XA", withKey: true);
        await AddAsync(Nominal, "XA", withKey: false);
        var kept = await AddAsync(OtherNominal, "XA", withKey: true);

        Assert.True(await ApplyAsync(new FeedEvent<NominalEventType>(5, NominalEventType.Erased, Nominal, "XA", new Dictionary<string, string>())));

        Assert.Equal([kept.Id], await IdsAsync());
        Assert.Equal([kept.ResourceName], await KeysAsync());
        Assert.DoesNotContain(erased.ResourceName, await KeysAsync());
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(((long)AuditOperation.Erasure, "nominals/" + Nominal, "XA"), (entry.Operation, entry.Subject, entry.SubjectForce));
        Assert.Equal(("system:assessments-nominal-feed", "XA", "EraseNominal", "nominal event 5"), (entry.Actor, entry.ActorForce, entry.RpcMethod, entry.Justification));
    }

    [Fact]
    public async Task R_AU1_a_redelivered_erasure_changes_nothing_and_logs_nothing_more()
    {
        await AddAsync(Nominal, "XA", withKey: false);
        var erasure = new FeedEvent<NominalEventType>(5, NominalEventType.Erased, Nominal, "XA", new Dictionary<string, string>());
        Assert.True(await ApplyAsync(erasure));
        // Recorded again after the erasure (e.g. by a late caller): a re-delivery must not erase it a second time.
        var later = await AddAsync(Nominal, "XA", withKey: false);

        Assert.False(await ApplyAsync(erasure));
        Assert.False(await ApplyAsync(erasure with { Sequence = 4 }));

        Assert.Equal([later.Id], await IdsAsync());
        Assert.Single(await AuditAsync());
        Assert.Equal(5, await PositionAsync());
    }

    [Fact]
    public async Task A_transferred_event_gives_the_nominals_rows_to_the_receiving_force_logged_by_both_forces_once()
    {
        var moved = await AddAsync(Nominal, "XA", withKey: true);
        var other = await AddAsync(OtherNominal, "XA", withKey: false);
        var transfer = new FeedEvent<NominalEventType>(7, NominalEventType.Transferred, Nominal, "XB", new Dictionary<string, string> { ["previous_force"] = "XA" });

        Assert.True(await ApplyAsync(transfer));
        Assert.False(await ApplyAsync(transfer));

        Assert.Equal("XB", (await FindAsync(moved.Id))!.ForceCode);
        Assert.Equal("XA", (await FindAsync(other.Id))!.ForceCode);
        // The key was scoped to the sending force: its stored answer must not be replayed there.
        Assert.Empty(await KeysAsync());
        Assert.Equal(
            [((long)AuditOperation.Disclosure, "XA", "[\"XB\"]"), ((long)AuditOperation.Collection, "XB", "[]")],
            (await AuditAsync()).Select(e => (e.Operation, e.SubjectForce, e.Recipients)));
    }

    [Fact]
    public async Task A_transferred_event_without_its_previous_force_is_refused_and_leaves_everything_as_it_was()
    {
        var row = await AddAsync(Nominal, "XA", withKey: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApplyAsync(new FeedEvent<NominalEventType>(9, NominalEventType.Transferred, Nominal, "XB", new Dictionary<string, string>())));

        Assert.Equal("XA", (await FindAsync(row.Id))!.ForceCode);
        Assert.Empty(await AuditAsync());
        Assert.Equal(0, await PositionAsync());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Failed_passes_back_off_doubling_up_to_the_maximum(int failures, int seconds)
    {
        var options = new FeedConsumerOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelay(failures));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void A_page_size_the_nominals_service_would_not_serve_is_refused_at_start_up(int pageSize)
    {
        Assert.NotNull(new FeedConsumerOptions { PageSize = pageSize }.Problem());
        Assert.Null(new FeedConsumerOptions().Problem());
    }

    private Task<bool> ApplyAsync(FeedEvent<NominalEventType> e) =>
        FeedPositions.ApplyOnceAsync(_database, NominalFeedSource.FeedName, Consumer, _handlers, e, TimeProvider.System, CancellationToken.None);

    private async Task<AssessmentRecord> AddAsync(string nominalId, string force, bool withKey)
    {
        var details = new AssessmentDetails(nominalId, AssessmentKind.RiskOfSeriousHarm, null, null, [new GroupRisk(AffectedGroup.Children, RiskLevel.Medium)],
            "l", "f", "e", [], [], "", "", new VictimConsideration("v", []), new OffenderRisk.Assessments.Domain.RiskToChildren(OffenderRisk.Assessments.Domain.RiskToChildrenConclusion.NoIdentifiedRisk, ["s"], "r"));
        var record = AssessmentRecord.Draft(details, new AssessmentOutcome(null, RiskLevel.Unspecified, RiskLevel.Medium), force, "PC-TEST-1", DateTimeOffset.UtcNow);
        await _database.InTransactionAsync(async s =>
        {
            await _store.InsertAsync(s, record);
            if (withKey)
            {
                await IdempotencyStore.RecordAsync(s, "CreateAssessment:" + force, Guid.NewGuid().ToString(),
                    new Google.Protobuf.WellKnownTypes.StringValue { Value = record.Id }, record.ResourceName,
                    new Google.Protobuf.WellKnownTypes.StringValue { Value = "a copy of the record" }, DateTimeOffset.UtcNow);
            }
        }, CancellationToken.None);
        return record;
    }

    private Task<AssessmentRecord?> FindAsync(string id) => _database.ReadAsync(s => _store.FindAsync(s, id), CancellationToken.None);

    private Task<IReadOnlyList<string>> IdsAsync() =>
        _database.ReadAsync(s => s.QueryAsync<string>("SELECT id FROM assessments ORDER BY id"), CancellationToken.None);

    private Task<IReadOnlyList<string>> KeysAsync() =>
        _database.ReadAsync(s => s.QueryAsync<string>("SELECT resource_name FROM idempotency_keys ORDER BY resource_name"), CancellationToken.None);

    private Task<IReadOnlyList<AuditRow>> AuditAsync() =>
        _database.ReadAsync(s => s.QueryAsync<AuditRow>($"SELECT {AuditRow.SelectColumns} FROM audit_log ORDER BY sequence"), CancellationToken.None);

    private Task<long> PositionAsync() =>
        _database.ReadAsync(s => FeedPositions.AppliedPositionAsync(s, NominalFeedSource.FeedName, Consumer), CancellationToken.None);
}
