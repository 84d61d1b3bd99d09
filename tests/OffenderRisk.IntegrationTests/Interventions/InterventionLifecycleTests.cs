using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>Interventions over time through the gateway (R-MG10), updates that keep the R-MG8 analysis, and plan action links.</summary>
[Collection(SuiteCollection.Name)]
public sealed class InterventionLifecycleTests(SuiteFixture suite)
{
    private InterventionsService.InterventionsServiceClient Client => new(suite.Channel);

    private const string PlanAction = "plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/curfew-checks";

    [Fact]
    public async Task R_MG10_an_intervention_is_planned_then_active_then_ended_with_its_dates_history_and_feed_events()
    {
        var (force, created) = await CreateAsync("PC-6001");
        Assert.Equal(InterventionStatus.Planned, created.Status);
        Assert.Null(created.StartDate);

        var active = await ChangeAsync(force, created, InterventionStatus.Active, DaysAgo(30), "curfew order made");
        var ended = await ChangeAsync(force, active, InterventionStatus.Ended, DaysAgo(2), "order discharged");

        Assert.Equal(InterventionStatus.Ended, ended.Status);
        Assert.Equal(DaysAgo(30), ended.StartDate);
        Assert.Equal(DaysAgo(2), ended.EndDate);
        Assert.Equal(
            [(InterventionStatus.Planned, InterventionStatus.Active, DaysAgo(30), "curfew order made"), (InterventionStatus.Active, InterventionStatus.Ended, DaysAgo(2), "order discharged")],
            ended.StatusHistory.Select(c => (c.FromStatus, c.ToStatus, c.EffectiveDate, c.Reason)));
        Assert.All(ended.StatusHistory, c => Assert.Equal("PC-6001", c.ChangedBy));
        var read = (await Client.GetInterventionAsync(new GetInterventionRequest { Name = created.Name }, suite.As(force, "AN-6002", RoleSets.Analyst))).Intervention;
        Assert.Equal(ended, read);

        var events = await EventsAsync(force);
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(InterventionEventType.InterventionStatusChanged, e.Type);
            Assert.Equal(created.Name, e.Subject);
            Assert.Equal(created.Nominal, e.Nominal);
            Assert.Equal(force, e.ForceCode);
        });
        Assert.Equal(
            new Dictionary<string, string> { ["status"] = "INTERVENTION_STATUS_ACTIVE", ["previous_status"] = "INTERVENTION_STATUS_PLANNED", ["effective_date"] = Iso(DaysAgo(30)) },
            events[0].Attributes);
        Assert.Equal(
            new Dictionary<string, string> { ["status"] = "INTERVENTION_STATUS_ENDED", ["previous_status"] = "INTERVENTION_STATUS_ACTIVE", ["effective_date"] = Iso(DaysAgo(2)) },
            events[1].Attributes);
    }

    [Fact]
    public async Task R_MG10_a_planned_intervention_may_end_before_it_starts()
    {
        var (force, created) = await CreateAsync("PC-6011");

        var withdrawn = await ChangeAsync(force, created, InterventionStatus.Ended, DaysAgo(0), "withdrawn: no longer needed");

        Assert.Equal(InterventionStatus.Ended, withdrawn.Status);
        Assert.Null(withdrawn.StartDate);
        Assert.Equal(DaysAgo(0), withdrawn.EndDate);
    }

    [Theory]
    [InlineData(InterventionStatus.Planned, InterventionStatus.Planned)]
    [InlineData(InterventionStatus.Active, InterventionStatus.Active)]
    [InlineData(InterventionStatus.Active, InterventionStatus.Planned)]
    [InlineData(InterventionStatus.Ended, InterventionStatus.Active)]
    [InlineData(InterventionStatus.Ended, InterventionStatus.Ended)]
    public async Task R_MG10_any_other_move_is_refused_and_nothing_is_written(InterventionStatus from, InterventionStatus to)
    {
        var (force, intervention) = await CreateAsync("PC-6021");
        if (from != InterventionStatus.Planned)
        {
            intervention = await ChangeAsync(force, intervention, InterventionStatus.Active, DaysAgo(10), "started");
        }
        if (from == InterventionStatus.Ended)
        {
            intervention = await ChangeAsync(force, intervention, InterventionStatus.Ended, DaysAgo(5), "ended");
        }
        var eventsBefore = (await EventsAsync(force)).Count;

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.ChangeInterventionStatusAsync(
            Change(intervention, to, DaysAgo(1), "again"), suite.As(force, "PC-6021", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("STATUS_TRANSITION_NOT_ALLOWED", e.ErrorInfo().Reason);
        Assert.Equal("status", e.ErrorInfo().Metadata["field"]);
        Assert.Equal(intervention, await GetAsync(force, intervention.Name));
        Assert.Equal(eventsBefore, (await EventsAsync(force)).Count);
    }

    [Fact]
    public async Task R_MG10_a_change_dated_before_the_previous_one_or_in_the_future_is_refused()
    {
        var (force, created) = await CreateAsync("PC-6031");
        var active = await ChangeAsync(force, created, InterventionStatus.Active, DaysAgo(10), "started");

        await RpcAssert.RefusedByRuleAsync("R-MG10", "effective_date", () => Client.ChangeInterventionStatusAsync(
            Change(active, InterventionStatus.Ended, DaysAgo(11), "ended"), suite.As(force, "PC-6031", RoleSets.Mosovo)).ResponseAsync);
        var future = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ChangeInterventionStatusAsync(
            Change(active, InterventionStatus.Ended, DaysAgo(-1), "ended"), suite.As(force, "PC-6031", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["effective_date"], future.ViolatedFields());
        Assert.Equal("R-MG10", future.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(active, await GetAsync(force, active.Name));
    }

    [Fact]
    public async Task A_status_change_needs_its_etag_and_a_reason_and_a_stale_etag_is_aborted()
    {
        var (force, created) = await CreateAsync("PC-6041");
        var missing = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ChangeInterventionStatusAsync(
            new ChangeInterventionStatusRequest { Name = created.Name, Status = InterventionStatus.Active, EffectiveDate = DaysAgo(1) },
            suite.As(force, "PC-6041", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal(["reason", "etag"], missing.ViolatedFields());

        await ChangeAsync(force, created, InterventionStatus.Active, DaysAgo(1), "started");
        await RpcAssert.FailsAsync(StatusCode.Aborted, () => Client.ChangeInterventionStatusAsync(
            Change(created, InterventionStatus.Ended, DaysAgo(0), "ended"), suite.As(force, "PC-6041", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_MG8_an_update_changes_only_the_fields_named_and_keeps_the_analysis()
    {
        var (force, created) = await CreateAsync("PC-6051");
        var sent = new Intervention
        {
            Name = created.Name, Etag = created.Etag,
            Objective = "Detect any contact with children at the address.",
            Description = "ignored: not named in the mask",
            Kind = InterventionKind.Arrest,
            PlanActions = { PlanAction },
        };

        var updated = (await Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = sent, UpdateMask = new FieldMask { Paths = { "objective", "plan_actions" } },
        }, suite.As(force, "PC-6052", RoleSets.Mosovo))).Intervention;

        Assert.Equal("Detect any contact with children at the address.", updated.Objective);
        Assert.Equal([PlanAction], updated.PlanActions);
        Assert.Equal(created.Description, updated.Description);
        Assert.Equal(created.Kind, updated.Kind);
        Assert.Equal(created.Enforcement, updated.Enforcement);
        Assert.Equal(created.EchrArticlesConsidered, updated.EchrArticlesConsidered);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.Equal(updated, await GetAsync(force, created.Name));
    }

    [Theory]
    [InlineData("objective")]
    [InlineData("enforcement")]
    [InlineData("suitability")]
    [InlineData("lawfulness_and_proportionality")]
    [InlineData("echr_articles_considered")]
    [InlineData("negative_consequences")]
    public async Task R_MG8_an_update_can_never_blank_the_analysis_a_named_part_sent_empty_is_refused_and_nothing_is_written(string field)
    {
        var (force, created) = await CreateAsync("PC-6061");
        var sent = InterventionTestData.HomeVisits(created.Nominal);
        sent.Name = created.Name;
        sent.Etag = created.Etag;
        switch (field)
        {
            case "objective": sent.Objective = ""; break;
            case "enforcement": sent.Enforcement = " "; break;
            case "suitability": sent.Suitability = ""; break;
            case "lawfulness_and_proportionality": sent.LawfulnessAndProportionality = ""; break;
            case "echr_articles_considered": sent.EchrArticlesConsidered.Remove(EchrArticle.RightToPrivateAndFamilyLife); break;
            case "negative_consequences": sent.NegativeConsequences = ""; break;
        }

        await RpcAssert.RefusedByRuleAsync("R-MG8", "intervention." + field, () => Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = sent, UpdateMask = new FieldMask { Paths = { "description", field } },
        }, suite.As(force, "PC-6061", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(created, await GetAsync(force, created.Name));
    }

    [Fact]
    public async Task An_update_naming_a_field_that_does_not_change_here_or_without_an_etag_is_invalid()
    {
        var (force, created) = await CreateAsync("PC-6071");

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = new Intervention { Name = created.Name, Kind = InterventionKind.Arrest },
            UpdateMask = new FieldMask { Paths = { "kind", "status" } },
        }, suite.As(force, "PC-6071", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["update_mask", "update_mask", "intervention.etag"], e.ViolatedFields());
        Assert.Equal(created, await GetAsync(force, created.Name));
    }

    [Fact]
    public async Task An_ended_intervention_cannot_be_updated()
    {
        var (force, created) = await CreateAsync("PC-6081");
        var ended = await ChangeAsync(force, created, InterventionStatus.Ended, DaysAgo(0), "withdrawn");

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = new Intervention { Name = ended.Name, Etag = ended.Etag, Description = "later note" },
            UpdateMask = new FieldMask { Paths = { "description" } },
        }, suite.As(force, "PC-6081", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("INTERVENTION_ENDED", e.ErrorInfo().Reason);
        Assert.Equal(ended, await GetAsync(force, ended.Name));
    }

    [Fact]
    public async Task Plan_actions_are_whole_names_at_most_20_without_repeats()
    {
        var force = TestData.NewForce();
        var intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force));
        intervention.PlanActions.Add(PlanAction);
        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = intervention }, suite.As(force, "PC-6091", RoleSets.Mosovo))).Intervention;
        Assert.Equal([PlanAction], created.PlanActions);

        foreach (var (bad, fields) in new (string[] Actions, string[] Fields)[]
        {
            ([PlanAction + "\nplans/x"], ["intervention.plan_actions[0]"]),
            (["plans/not-a-uuid/actions/a"], ["intervention.plan_actions[0]"]),
            ([PlanAction.ToUpperInvariant()], ["intervention.plan_actions[0]"]),
            ([PlanAction, PlanAction], ["intervention.plan_actions"]),
            (Enumerable.Range(0, 21).Select(i => PlanAction + "-" + i).ToArray(), ["intervention.plan_actions"]),
        })
        {
            var sent = InterventionTestData.HomeVisits(created.Nominal);
            sent.PlanActions.Add(bad);
            var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
                () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = sent }, suite.As(force, "PC-6091", RoleSets.Mosovo)).ResponseAsync);
            Assert.Equal(fields, e.ViolatedFields());
        }
        Assert.Equal(1, await CountAsync(force));
    }

    [Fact]
    public async Task R_AU1_an_update_and_a_status_change_are_each_audited_as_an_alteration()
    {
        var (force, created) = await CreateAsync("PC-6101");
        var updated = (await Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = new Intervention { Name = created.Name, Etag = created.Etag, Description = "weekly" },
            UpdateMask = new FieldMask { Paths = { "description" } },
        }, suite.As(force, "PC-6102", RoleSets.Mosovo))).Intervention;
        await ChangeAsync(force, updated, InterventionStatus.Active, DaysAgo(0), "started", "SGT-6103", RoleSets.Supervisor);

        await using var db = await suite.Storage.OpenAsync("interventions");
        var entries = (await db.QueryAsync<(long Operation, string Actor, string Subject)>(
            "SELECT operation, actor, subject FROM audit_log WHERE actor_force = @force AND actor IN ('PC-6102', 'SGT-6103') ORDER BY sequence", new { force })).ToList();
        Assert.Equal(
            [((long)Contracts.Audit.V1.AuditOperation.Alteration, "PC-6102", created.Name), ((long)Contracts.Audit.V1.AuditOperation.Alteration, "SGT-6103", created.Name)],
            entries);
    }

    [Fact]
    public async Task Another_forces_intervention_is_not_found_to_update_or_change()
    {
        var (force, created) = await CreateAsync("PC-6111");
        var other = suite.As(TestData.NewForce(), "SGT-6112", RoleSets.Supervisor);

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.ChangeInterventionStatusAsync(
            Change(created, InterventionStatus.Active, DaysAgo(0), "started"), other).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = new Intervention { Name = created.Name, Etag = created.Etag, Description = "x" },
            UpdateMask = new FieldMask { Paths = { "description" } },
        }, other).ResponseAsync);
        Assert.Equal(created, await GetAsync(force, created.Name));
    }

    /// <summary>A new force with one PLANNED intervention recorded by <paramref name="officer"/>.</summary>
    private async Task<(string Force, Intervention Intervention)> CreateAsync(string officer)
    {
        var force = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, force);
        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(force, officer, RoleSets.Mosovo))).Intervention;
        return (force, created);
    }

    private async Task<Intervention> ChangeAsync(string force, Intervention current, InterventionStatus to, CalendarDate date, string reason,
        string? user = null, string[]? roles = null) =>
        (await Client.ChangeInterventionStatusAsync(Change(current, to, date, reason),
            suite.As(force, user ?? current.Author, roles ?? RoleSets.Mosovo))).Intervention;

    private static ChangeInterventionStatusRequest Change(Intervention current, InterventionStatus to, CalendarDate date, string reason) =>
        new() { Name = current.Name, Status = to, EffectiveDate = date, Reason = reason, Etag = current.Etag };

    private async Task<Intervention> GetAsync(string force, string name) =>
        (await Client.GetInterventionAsync(new GetInterventionRequest { Name = name }, suite.As(force, "AN-6999", RoleSets.Analyst))).Intervention;

    private async Task<IReadOnlyList<InterventionEvent>> EventsAsync(string force) =>
        (await Client.ListInterventionEventsAsync(new ListInterventionEventsRequest { PageSize = 500 }, suite.As(force, "AN-6998", RoleSets.Analyst))).Events;

    private async Task<long> CountAsync(string force)
    {
        await using var db = await suite.Storage.OpenAsync("interventions");
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM interventions WHERE force_code = @force", new { force });
    }

    /// <summary>An England and Wales date <paramref name="days"/> before today (negative: after).</summary>
    public static CalendarDate DaysAgo(int days)
    {
        var d = TodayInLondon().AddDays(-days);
        return new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }

    public static DateOnly TodayInLondon() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    public static string Iso(CalendarDate d) => $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";
}
