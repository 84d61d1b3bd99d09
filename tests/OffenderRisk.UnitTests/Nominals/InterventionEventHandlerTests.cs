using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Interventions;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Storage;
using PlanKind = OffenderRisk.Nominals.Domain.PlanKind;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The nominals service following the interventions feed (R-MG3, R-MG4, R-MG5, R-MG10, R-MR4), on a
/// real (temporary) SQLite database with the service's migrations: what each event writes to the
/// ledger and the work queues, that a replay writes nothing more, and that a broken event is an
/// error that writes nothing. The interventions service's RPCs that publish these events are not
/// on this branch, so the events are built here as the feed source would deliver them.
/// </summary>
public sealed class InterventionEventHandlerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private const string PlanV1 = "019a0000-0000-7000-8000-0000000000a1";
    private const string PlanV2 = "019a0000-0000-7000-8000-0000000000a2";
    private const string Intervention = "019a0000-0000-7000-8000-0000000000b1";
    private const string Breach = "interventions/" + Intervention + "/breaches/019a0000-0000-7000-8000-0000000000b2";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"intervention-feed-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly NominalStore _store = new();
    private readonly WorkItemStore _workItems = new();
    private ObligationLedger _ledger = null!;
    private InterventionEventHandler _handler = null!;
    private Database _database = null!;
    private long _sequence;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(NominalStore).Assembly, "nominals", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
        var feed = new ChangeFeed(_clock);
        _ledger = new ObligationLedger(feed);
        var arms = new ArmsSchedule(new WorkingDayCalendar(), Options.Create(new NominalRules()));
        _handler = new InterventionEventHandler(_store, new NominalChangeWriter(feed, _ledger, _workItems, new ManagedObligationSchedule(Options.Create(new NominalRules()))), arms, new AuditWriter(_clock, AuditKeyRing.Development), _clock);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    private async Task<NominalRecord> NominalAsync(params LedgerEntry[] open)
    {
        var nominal = IntelligenceRulesTests.Nominal("MO-1");
        await _database.InTransactionAsync(async s =>
        {
            await _store.InsertAsync(s, nominal);
            await _ledger.ApplyAsync(s, nominal, open, Now.AddDays(-1));
            return 0;
        }, CancellationToken.None);
        return nominal;
    }

    private FeedEvent<InterventionEventType> Event(NominalRecord n, InterventionEventType type, string subject, Dictionary<string, string> attributes) =>
        new(++_sequence, type, n.Id, n.ForceCode, attributes, subject, Now);

    private FeedEvent<InterventionEventType> Countersigned(NominalRecord n, string plan, int version, string kind, params (string Id, string Value)[] actions)
    {
        var attributes = new Dictionary<string, string> { ["kind"] = kind, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["countersign_date"] = "2026-11-30" };
        foreach (var (id, value) in actions)
        {
            attributes["action:" + id] = value;
        }
        return Event(n, InterventionEventType.PlanCountersigned, "plans/" + plan, attributes);
    }

    private Task<int> ApplyAsync(FeedEvent<InterventionEventType> e) =>
        _database.InTransactionAsync(async s => { await _handler.ApplyAsync(s, e); return 0; }, CancellationToken.None);

    private Task<IReadOnlyList<ObligationRecord>> ObligationsAsync(NominalRecord n) =>
        _database.InTransactionAsync(s => _ledger.ListForNominalAsync(s, n.Id, null, Today, null, 100), CancellationToken.None);

    private Task<IReadOnlyList<WorkItemRecord>> OfficerItemsAsync() =>
        _database.InTransactionAsync(s => _workItems.ListAsync(s, "XA", WorkQueue.Officer, "MO-1", WorkItemState.Unspecified, null, 50), CancellationToken.None);

    private Task<IReadOnlyList<AuditRow>> AuditAsync() =>
        _database.ReadAsync(s => s.QueryAsync<AuditRow>($"SELECT {AuditRow.SelectColumns} FROM audit_log ORDER BY sequence"), CancellationToken.None);

    private static RaiseObligation Owed(ObligationKind kind, string key) =>
        new(kind, "STATUS_CHANGED", key, "nominals/x", Today.AddDays(-1), Today.AddDays(27));

    [Fact]
    public async Task R_MG3_R_MG4_a_countersigned_police_plan_satisfies_the_police_plan_obligation_and_owes_each_open_action_on_its_date()
    {
        var n = await NominalAsync(Owed(ObligationKind.PolicePlan, "police-plan:1"), Owed(ObligationKind.MappaPlan, "mappa-plan"));

        await ApplyAsync(Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN"), ("curfew-check", "2026-12-20|OPEN")));

        var all = await ObligationsAsync(n);
        var plan = all.Single(o => o.Kind == ObligationKind.PolicePlan);
        Assert.Equal((ObligationState.Satisfied, "plans/" + PlanV1), (plan.State, plan.SatisfiedBy));
        Assert.Equal(ObligationState.Open, all.Single(o => o.Kind == ObligationKind.MappaPlan).State);
        var actions = all.Where(o => o.Kind == ObligationKind.PlanAction).OrderBy(o => o.DueDate).ToList();
        Assert.Equal([new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 20)], actions.Select(a => a.DueDate));
        Assert.Equal($"plans/{PlanV1}/actions/visit", actions[0].TriggerRecord);
        Assert.All(actions, a => Assert.Equal((ObligationState.Open, ObligationTriggers.PlanAction), (a.State, a.Trigger)));
        Assert.Equal(PlanV1, (await NominalStoredAsync(n)).Management.Plans.Single().PlanId);
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("system:nominals-intervention-feed", "RecordCountersignedPlan", n.ResourceName), (audit.Actor, audit.RpcMethod, audit.Subject));
    }

    [Fact]
    public async Task R_MR4_a_new_version_waives_replaced_action_obligations_keeps_carried_ones_and_satisfies_completed_ones()
    {
        var n = await NominalAsync();
        await ApplyAsync(Countersigned(n, PlanV1, 1, "PLAN_KIND_MAPPA", ("visit", "2026-12-10|OPEN"), ("moved", "2026-12-05|OPEN"),
            ("dropped", "2026-12-06|OPEN"), ("done", "2026-12-07|OPEN")));

        await ApplyAsync(Countersigned(n, PlanV2, 2, "PLAN_KIND_MAPPA", ("visit", "2026-12-10|OPEN"), ("moved", "2027-01-15|OPEN"), ("done", "2026-12-07|COMPLETED")));

        var actions = (await ObligationsAsync(n)).Where(o => o.Kind == ObligationKind.PlanAction).ToDictionary(o => o.TriggerKey);
        Assert.Equal(5, actions.Count);
        Assert.Equal(ObligationState.Open, actions["plan-action:mappa:visit:2026-12-10"].State);
        Assert.Equal($"plans/{PlanV1}/actions/visit", actions["plan-action:mappa:visit:2026-12-10"].TriggerRecord);
        Assert.Equal(ObligationState.Open, actions["plan-action:mappa:moved:2027-01-15"].State);
        foreach (var replaced in new[] { "plan-action:mappa:moved:2026-12-05", "plan-action:mappa:dropped:2026-12-06" })
        {
            Assert.Equal((ObligationState.Waived, $"replaced by plans/{PlanV2} version 2"), (actions[replaced].State, actions[replaced].WaiveReason));
        }
        Assert.Equal((ObligationState.Satisfied, $"plans/{PlanV2}/actions/done"),
            (actions["plan-action:mappa:done:2026-12-07"].State, actions["plan-action:mappa:done:2026-12-07"].SatisfiedBy));
    }

    [Fact]
    public async Task R_MR4_a_replayed_countersigning_and_an_older_version_arriving_late_write_nothing()
    {
        var n = await NominalAsync();
        var v2 = Countersigned(n, PlanV2, 2, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN"));
        await ApplyAsync(v2);
        var before = await ObligationsAsync(n);

        await ApplyAsync(v2);
        await ApplyAsync(Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-01|OPEN")));

        Assert.Equal(before, await ObligationsAsync(n));
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task R_MG4_a_completed_action_event_satisfies_the_actions_open_obligation()
    {
        var n = await NominalAsync();
        await ApplyAsync(Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN"), ("other", "2026-12-11|OPEN")));

        await ApplyAsync(Event(n, InterventionEventType.PlanActionCompleted, "plans/" + PlanV1,
            new() { ["kind"] = "PLAN_KIND_POLICE", ["action"] = "visit", ["completion_date"] = "2026-11-30" }));

        var actions = (await ObligationsAsync(n)).ToDictionary(o => o.TriggerKey);
        Assert.Equal((ObligationState.Satisfied, $"plans/{PlanV1}/actions/visit"),
            (actions["plan-action:police:visit:2026-12-10"].State, actions["plan-action:police:visit:2026-12-10"].SatisfiedBy));
        Assert.Equal(ObligationState.Open, actions["plan-action:police:other:2026-12-11"].State);
        Assert.Equal(["RecordCountersignedPlan", "RecordPlanActionCompleted"], (await AuditAsync()).Select(a => a.RpcMethod));
    }

    [Fact]
    public async Task R_MG10_a_breach_opens_a_work_item_for_the_officer_and_a_reassessment_obligation_once()
    {
        var n = await NominalAsync();
        var breached = Event(n, InterventionEventType.InterventionBreached, "interventions/" + Intervention,
            new() { ["breach"] = Breach, ["occur_date"] = "2026-11-27", ["kind"] = "INTERVENTION_KIND_HOME_VISITS" });

        await ApplyAsync(breached);
        await ApplyAsync(breached);

        var item = Assert.Single(await OfficerItemsAsync());
        Assert.Equal((WorkItemKind.InterventionBreach, Breach, "WORK_ITEM_KIND_INTERVENTION_BREACH", "system:nominals-intervention-feed"),
            (item.Kind, item.Reference, item.SummaryCode, item.CreatedBy));
        var arms = Assert.Single(await ObligationsAsync(n));
        Assert.Equal((ObligationKind.Arms, ObligationTriggers.InterventionBreach, "breach:" + Breach, new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 18)),
            (arms.Kind, arms.Trigger, arms.TriggerKey, arms.TriggerDate, arms.DueDate));
    }

    [Fact]
    public async Task An_event_for_an_erased_nominal_writes_nothing()
    {
        var gone = IntelligenceRulesTests.Nominal("MO-1");

        await ApplyAsync(Countersigned(gone, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN")));

        Assert.Empty(await AuditAsync());
    }

    public static TheoryData<string, string, string> BrokenPlans() => new()
    {
        { "subject", "plans/not-a-uuid", "" },
        { "kind", "", "kind=PLAN_KIND_UNSPECIFIED" },
        { "kind", "", "kind=PLAN_KIND_NOT_A_KIND" },
        { "version", "", "version=0" },
        { "version", "", "version=1 " },
        { "countersign_date", "", "countersign_date=2026-02-30" },
        { "countersign_date", "", "countersign_date=30/11/2026" },
        { "superseded", "", "superseded=plans/../x" },
        { "action", "", "action:Visit=2026-12-10|OPEN" },
        { "action", "", "action:visit=2026-12-10|LATE" },
        { "action", "", "action:visit=2026-12-10|OPEN\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public async Task R_MR4_a_broken_countersigning_event_is_an_error_that_writes_nothing(string broken, string subject, string attribute)
    {
        var n = await NominalAsync();
        var e = Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN"));
        var attributes = new Dictionary<string, string>(e.Attributes);
        if (attribute.Length > 0)
        {
            var eq = attribute.IndexOf('=', StringComparison.Ordinal);
            attributes[attribute[..eq]] = attribute[(eq + 1)..];
        }
        e = e with { Attributes = attributes, RecordId = subject.Length > 0 ? subject : e.RecordId };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(e));

        Assert.Contains(broken, error.Message, StringComparison.Ordinal);
        Assert.Empty(await ObligationsAsync(n));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task R_MR4_a_countersigning_event_with_more_than_50_actions_is_an_error()
    {
        var n = await NominalAsync();
        var actions = Enumerable.Range(0, InterventionEventHandler.MaxActions + 1).Select(i => ($"a{i}", "2026-12-10|OPEN")).ToArray();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", actions)));
        Assert.Empty(await ObligationsAsync(n));
    }

    [Theory]
    [InlineData("interventions/019a0000-0000-7000-8000-0000000000ff/breaches/019a0000-0000-7000-8000-0000000000b2", "2026-11-27", "INTERVENTION_KIND_HOME_VISITS")]
    [InlineData(Breach, "", "INTERVENTION_KIND_HOME_VISITS")]
    [InlineData(Breach, "2026-11-27", "INTERVENTION_KIND_UNSPECIFIED")]
    [InlineData("interventions/" + Intervention, "2026-11-27", "INTERVENTION_KIND_HOME_VISITS")]
    public async Task R_MG10_a_broken_breach_event_is_an_error_that_writes_nothing(string breach, string occurred, string kind)
    {
        var n = await NominalAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(Event(n, InterventionEventType.InterventionBreached, "interventions/" + Intervention,
            new() { ["breach"] = breach, ["occur_date"] = occurred, ["kind"] = kind })));

        Assert.Empty(await OfficerItemsAsync());
        Assert.Empty(await ObligationsAsync(n));
    }

    [Fact]
    public async Task The_feed_applies_a_countersigning_once_however_often_it_is_delivered()
    {
        var n = await NominalAsync();
        var e = Countersigned(n, PlanV1, 1, "PLAN_KIND_POLICE", ("visit", "2026-12-10|OPEN"));

        Assert.True(await FeedPositions.ApplyOnceAsync(_database, InterventionFeedSource.FeedName, InterventionEventHandler.Consumer, [_handler], e, _clock, CancellationToken.None));
        Assert.False(await FeedPositions.ApplyOnceAsync(_database, InterventionFeedSource.FeedName, InterventionEventHandler.Consumer, [_handler], e, _clock, CancellationToken.None));

        Assert.Single(await ObligationsAsync(n));
    }

    private Task<NominalRecord> NominalStoredAsync(NominalRecord n) =>
        _database.ReadAsync(async s => (await _store.FindAsync(s, n.Id))!, CancellationToken.None);
}
