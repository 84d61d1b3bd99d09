using Microsoft.Data.Sqlite;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Nominals;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using static OffenderRisk.UnitTests.Interventions.PlanExamples;
using AuditOperation = OffenderRisk.Contracts.Audit.V1.AuditOperation;
using PlanKind = OffenderRisk.Interventions.Domain.PlanKind;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>
/// R-RM4 on the interventions service's tables (a real, temporary SQLite database with its
/// migrations): a nominal placed on reactive management has its current police plan's review date
/// cleared by the nominals feed handler, audited as the system's alteration, once however often
/// the event is delivered; plans are erased with their nominal.
/// </summary>
public sealed class PlanReviewOnReactiveHandlerTests : IAsyncLifetime
{
    private const string Consumer = "interventions";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"plans-{Guid.NewGuid():N}.db");
    private readonly PlanStore _store = new();
    private Database _database = null!;
    private IFeedHandler<NominalEventType>[] _handlers = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(PlanStore).Assembly, "interventions", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
        var records = new RecordAccess(_database, new AuditWriter(TimeProvider.System, AuditKeyRing.Development), TimeProvider.System);
        _handlers = [new PlanReviewOnReactiveHandler(_store, records, TimeProvider.System), new NominalHoldingsHandler([_store], records, Consumer)];
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task R_RM4_placement_on_reactive_management_clears_the_current_police_plans_review_date_once()
    {
        var current = await AddAsync(Countersigned());
        var open = await AddAsync(Draft() with { Kind = PlanKind.Mappa });

        Assert.True(await ApplyAsync(StatusChanged(11, ManagementStatus.Reactive)));
        var cleared = (await FindAsync(current.Id))!;
        var auditedOnce = await AuditAsync();
        // A re-delivery, and a later event for the same placement: nothing more changes.
        Assert.False(await ApplyAsync(StatusChanged(11, ManagementStatus.Reactive)));
        Assert.True(await ApplyAsync(StatusChanged(12, ManagementStatus.Reactive)));

        Assert.Null(cleared.Content.ReviewDate);
        Assert.Equal(current.Version + 1, cleared.Version);
        Assert.Equal(cleared.Version, (await FindAsync(current.Id))!.Version);
        Assert.Equal(open.Content.ReviewDate, (await FindAsync(open.Id))!.Content.ReviewDate);
        var entry = Assert.Single(auditedOnce);
        Assert.Equal(((long)AuditOperation.Alteration, "system:interventions-nominal-feed", current.ResourceName, "nominal event 11"),
            (entry.Operation, entry.Actor, entry.Subject, entry.Justification));
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task R_RM4_a_return_to_active_management_leaves_the_review_date_alone()
    {
        var current = await AddAsync(Countersigned());

        Assert.True(await ApplyAsync(StatusChanged(13, ManagementStatus.Active)));

        var read = (await FindAsync(current.Id))!;
        Assert.Equal((current.Version, current.Content.ReviewDate), (read.Version, read.Content.ReviewDate));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task R_AU1_plans_are_erased_with_their_nominal()
    {
        var plan = await AddAsync(Countersigned());

        Assert.True(await ApplyAsync(new FeedEvent<NominalEventType>(14, NominalEventType.Erased, NominalId, Force, new Dictionary<string, string>())));

        Assert.Null(await FindAsync(plan.Id));
    }

    private static FeedEvent<NominalEventType> StatusChanged(long sequence, ManagementStatus status) =>
        new(sequence, NominalEventType.StatusChanged, NominalId, Force, new Dictionary<string, string>
        {
            ["status"] = OffenderRisk.Platform.Naming.ProtoEnums.OriginalName(status),
            ["previous_status"] = OffenderRisk.Platform.Naming.ProtoEnums.OriginalName(ManagementStatus.Active),
        });

    private Task<bool> ApplyAsync(FeedEvent<NominalEventType> e) =>
        FeedPositions.ApplyOnceAsync(_database, NominalFeedSource.FeedName, Consumer, _handlers.Where(h => h.Handles(e.Type)).ToList(), e,
            TimeProvider.System, CancellationToken.None);

    private Task<PlanRecord> AddAsync(PlanRecord plan) => _database.InTransactionAsync(s => _store.InsertAsync(s, plan), CancellationToken.None);

    private Task<PlanRecord?> FindAsync(string id) => _database.ReadAsync(s => _store.FindAsync(s, id), CancellationToken.None);

    private Task<IReadOnlyList<AuditRow>> AuditAsync() =>
        _database.ReadAsync(s => s.QueryAsync<AuditRow>($"SELECT {AuditRow.SelectColumns} FROM audit_log ORDER BY sequence"), CancellationToken.None);
}
