using Microsoft.Data.Sqlite;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The obligations ledger (R-MR4) on a real (temporary) SQLite database with the service's
/// migrations: scheduled obligations arise on their day, exactly once; none is overwritten.
/// </summary>
public sealed class ObligationLedgerStorageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"obligations-{Guid.NewGuid():N}.db");
    private readonly NominalStore _store = new();
    private readonly ObligationLedger _ledger = new(new ChangeFeed(TimeProvider.System));
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(NominalStore).Assembly, "nominals", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    private async Task<NominalRecord> NominalAsync()
    {
        var nominal = IntelligenceRulesTests.Nominal("MO-1");
        await _database.InTransactionAsync(async s => { await _store.InsertAsync(s, nominal); return 0; }, CancellationToken.None);
        return nominal;
    }

    private Task<int> ApplyAsync(NominalRecord nominal, params LedgerEntry[] entries) =>
        _database.InTransactionAsync(async s => { await _ledger.ApplyAsync(s, nominal, entries, Now); return 0; }, CancellationToken.None);

    private Task<IReadOnlyList<ObligationRecord>> ListAsync(NominalRecord nominal, DateOnly today) =>
        _database.InTransactionAsync(s => _ledger.ListForNominalAsync(s, nominal.Id, null, today, null, 50), CancellationToken.None);

    private Task<IReadOnlyList<ObligationRecord>> AnnounceAsync(DateOnly today) =>
        _database.InTransactionAsync(s => _ledger.AnnounceArisenAsync(s, today, 50), CancellationToken.None);

    private static RaiseObligation SixWeeks(DateOnly arises) =>
        new(ObligationKind.Arms, ObligationTriggers.ConvictionWithoutSentence, "six-weeks:e1", "nominals/x/qualifyingEvents/e1",
            arises, arises.AddDays(21), arises);

    [Fact]
    public async Task R_AS5_a_scheduled_obligation_is_not_listed_before_its_day_and_is_announced_once_on_it()
    {
        var nominal = await NominalAsync();
        var arises = Today.AddDays(2);
        await ApplyAsync(nominal, SixWeeks(arises));

        Assert.Empty(await ListAsync(nominal, Today));
        Assert.Empty(await AnnounceAsync(Today.AddDays(1)));
        var announced = Assert.Single(await AnnounceAsync(arises));
        Assert.Equal(ObligationTriggers.ConvictionWithoutSentence, announced.Trigger);
        Assert.Empty(await AnnounceAsync(arises.AddDays(1)));
        Assert.Equal(ObligationState.Open, Assert.Single(await ListAsync(nominal, arises)).State);
    }

    [Fact]
    public async Task R_AS5_a_scheduled_obligation_is_withdrawn_only_before_it_arises()
    {
        var before = await NominalAsync();
        await ApplyAsync(before, SixWeeks(Today.AddDays(1)));
        await ApplyAsync(before, new WithdrawScheduledObligation("six-weeks:e1"));
        Assert.Empty(await ListAsync(before, Today.AddDays(1)));

        var arisen = await NominalAsync();
        await ApplyAsync(arisen, SixWeeks(Today));
        await ApplyAsync(arisen, new WithdrawScheduledObligation("six-weeks:e1"));
        Assert.Single(await ListAsync(arisen, Today));
    }

    [Fact]
    public async Task R_MR4_the_same_trigger_raises_one_obligation_and_another_trigger_adds_one()
    {
        var nominal = await NominalAsync();
        var first = new RaiseObligation(ObligationKind.Arms, ObligationTriggers.LeadAgencyChanged, "lead-agency:2", nominal.ResourceName, Today, Today.AddDays(21));

        await ApplyAsync(nominal, first);
        await ApplyAsync(nominal, first with { DueDate = Today.AddDays(99) });
        await ApplyAsync(nominal, first with { TriggerKey = "lead-agency:3", DueDate = Today.AddDays(30) });

        var listed = await ListAsync(nominal, Today);
        Assert.Equal([Today.AddDays(21), Today.AddDays(30)], listed.Select(o => o.DueDate));
    }

    [Fact]
    public async Task R_MR4_satisfying_by_kind_closes_only_open_obligations_of_those_kinds()
    {
        var nominal = await NominalAsync();
        await ApplyAsync(nominal,
            new RaiseObligation(ObligationKind.AnnualNotification, ObligationTriggers.Notification, "annual:n1", "n1", Today, Today.AddYears(1)),
            new RaiseObligation(ObligationKind.Arms, ObligationTriggers.SignificantChange, "significant-change:i1", "i1", Today, Today.AddDays(21)));

        await ApplyAsync(nominal, new SatisfyOpenObligations([ObligationKind.AnnualNotification, ObligationKind.InitialNotification], "nominals/x/notifications/n2"));

        var listed = await ListAsync(nominal, Today);
        Assert.Equal(ObligationState.Open, listed.Single(o => o.Kind == ObligationKind.Arms).State);
        var satisfied = listed.Single(o => o.Kind == ObligationKind.AnnualNotification);
        Assert.Equal(ObligationState.Satisfied, satisfied.State);
        Assert.Equal("nominals/x/notifications/n2", satisfied.SatisfiedBy);
    }

    [Fact]
    public async Task R_MR4_a_record_made_before_an_obligation_was_raised_does_not_satisfy_it_however_late_it_arrives()
    {
        var nominal = await NominalAsync();
        await ApplyAsync(nominal, new RaiseObligation(ObligationKind.Arms, ObligationTriggers.SignificantChange, "significant-change:i1", "i1", Today, Today.AddDays(21)));

        // An ARMS countersigned an hour before the significant change was recorded reaches the ledger only now.
        await ApplyAsync(nominal, new SatisfyOpenObligations([ObligationKind.Arms], "assessments/a-earlier", Now.AddHours(-1)));
        Assert.Equal(ObligationState.Open, Assert.Single(await ListAsync(nominal, Today)).State);

        await ApplyAsync(nominal, new SatisfyOpenObligations([ObligationKind.Arms], "assessments/a-later", Now));
        var satisfied = Assert.Single(await ListAsync(nominal, Today));
        Assert.Equal((ObligationState.Satisfied, "assessments/a-later"), (satisfied.State, satisfied.SatisfiedBy));
    }
}
