using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>
/// Risk management plans through the gateway (R-MG3, R-MG4, R-MG5, R-VI1, R-MR1, R-RM4): the
/// lifecycle, versions and supersession, completions, and both on the interventions change feed.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class PlanTests(SuiteFixture suite)
{
    private const string SecondSupervisor = "SGT-SUP-2";

    private PlansService.PlansServiceClient Plans => new(suite.Channel);

    [Fact]
    public async Task R_MR1_a_plan_submitted_by_its_author_and_countersigned_by_a_supervisor_is_current_and_on_the_feed()
    {
        var (s, nominal) = await ManagedAsync();

        var draft = await CreateAsync(s, PlanTestData.PolicePlan(nominal.Name));
        var submitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = draft.Name, Etag = draft.Etag }, s.AsOfficer)).Plan;
        var countersigned = (await Plans.CountersignPlanAsync(new CountersignPlanRequest { Name = submitted.Name, Etag = submitted.Etag }, s.AsSupervisor)).Plan;

        Assert.Equal((PlanState.Draft, 1, NominalScenario.Officer, s.Force), (draft.State, draft.Version, draft.Author, draft.ForceCode));
        Assert.Equal(PlanState.Submitted, submitted.State);
        Assert.NotNull(submitted.SubmitTime);
        Assert.Equal((PlanState.Countersigned, true, NominalScenario.Supervisor), (countersigned.State, countersigned.Current, countersigned.CountersignedBy));
        var e = Assert.Single(await FeedAsync(s.Force), x => x.Subject == countersigned.Name);
        Assert.Equal(InterventionEventType.PlanCountersigned, e.Type);
        Assert.Equal(nominal.Name, e.Nominal);
        Assert.Equal(new Dictionary<string, string>
        {
            ["kind"] = "PLAN_KIND_POLICE",
            ["version"] = "1",
            ["countersign_date"] = Iso(PlanTestData.TodayDate()),
            ["action:visits"] = Iso(PlanTestData.TodayDate().AddDays(30)) + "|OPEN",
            ["action:victim-warning"] = Iso(PlanTestData.TodayDate().AddDays(14)) + "|OPEN",
        }, e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public async Task R_MR1_the_author_cannot_countersign_their_own_plan_another_supervisor_can()
    {
        var (s, nominal) = await ManagedAsync();
        var draft = (await Plans.CreatePlanAsync(new CreatePlanRequest { Plan = PlanTestData.PolicePlan(nominal.Name) }, s.AsSupervisor)).Plan;
        var submitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = draft.Name, Etag = draft.Etag }, s.AsSupervisor)).Plan;

        await RpcAssert.RefusedByRuleAsync("R-MG4", "name", () => Plans.CountersignPlanAsync(
            new CountersignPlanRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(s.Force, NominalScenario.Supervisor.ToLowerInvariant(), RoleSets.Supervisor)).ResponseAsync);
        var countersigned = (await Plans.CountersignPlanAsync(new CountersignPlanRequest { Name = submitted.Name, Etag = submitted.Etag }, AsSecondSupervisor(s))).Plan;

        Assert.Equal((PlanState.Countersigned, SecondSupervisor), (countersigned.State, countersigned.CountersignedBy));
    }

    [Fact]
    public async Task R_MR1_a_returned_plan_keeps_its_reason_and_only_the_author_updates_and_resubmits_it()
    {
        var (s, nominal) = await ManagedAsync();
        var draft = await CreateAsync(s, PlanTestData.PolicePlan(nominal.Name));
        var submitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = draft.Name, Etag = draft.Etag }, s.AsOfficer)).Plan;
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Plans.ReturnPlanAsync(
            new ReturnPlanRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = "" }, s.AsSupervisor).ResponseAsync);

        var returned = (await Plans.ReturnPlanAsync(new ReturnPlanRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = "Add an employment objective." }, s.AsSupervisor)).Plan;
        var change = returned.Clone();
        change.Objectives.Add(new PlanObjective { Id = "employment", Outcome = "Stable employment away from children." });
        await RpcAssert.RefusedByRuleAsync("R-MG4", "plan.name",
            () => Plans.UpdatePlanAsync(new UpdatePlanRequest { Plan = change }, suite.As(s.Force, "PC-NOT-AUTHOR", RoleSets.Mosovo)).ResponseAsync);
        var updated = (await Plans.UpdatePlanAsync(new UpdatePlanRequest { Plan = change }, s.AsOfficer)).Plan;
        var resubmitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = updated.Name, Etag = updated.Etag }, s.AsOfficer)).Plan;

        var kept = Assert.Single(resubmitted.Returns);
        Assert.Equal((NominalScenario.Supervisor, "Add an employment objective."), (kept.ReturnedBy, kept.Reason));
        Assert.Equal(PlanState.Submitted, resubmitted.State);
        Assert.Contains(resubmitted.Objectives, o => o.Id == "employment");
        await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = updated.Name, Etag = returned.Etag }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task R_MG3_where_police_lead_a_police_plan_written_by_anyone_but_the_mosovo_officer_is_refused_and_nothing_is_written()
    {
        var (s, nominal) = await ManagedAsync(policeLead: true);

        await RpcAssert.RefusedByRuleAsync("R-MG3", "plan.author", () => Plans.CreatePlanAsync(
            new CreatePlanRequest { Plan = PlanTestData.PolicePlan(nominal.Name) }, s.AsSupervisor).ResponseAsync);

        Assert.Empty(await ListAsync(s, nominal));
        Assert.Equal(NominalScenario.Officer, (await CreateAsync(s, PlanTestData.PolicePlan(nominal.Name))).Author);
    }

    [Fact]
    public async Task R_MG5_a_mappa_plan_for_a_level_1_nominal_is_refused_and_at_level_2_it_is_written()
    {
        var (s, nominal) = await ManagedAsync(mappaLevel: 1);

        await RpcAssert.RefusedByRuleAsync("R-MG5", "plan.kind", () => Plans.CreatePlanAsync(
            new CreatePlanRequest { Plan = PlanTestData.PolicePlan(nominal.Name, PlanKind.Mappa) }, s.AsOfficer).ResponseAsync);
        var level2 = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest
        {
            Name = nominal.Name, Category = 1, Level = 2, Reason = "MAPPA meeting raised the level (synthetic)", Etag = nominal.Etag,
        }, s.AsOfficer)).Nominal;
        var mappa = await CreateAsync(s, PlanTestData.PolicePlan(level2.Name, PlanKind.Mappa));

        Assert.Equal((PlanKind.Mappa, 1), (mappa.Kind, mappa.Version));
    }

    [Fact]
    public async Task R_VI1_victims_identified_without_a_victim_safety_action_is_invalid_argument_citing_the_rule()
    {
        var (s, nominal) = await ManagedAsync();
        var plan = PlanTestData.PolicePlan(nominal.Name);
        plan.Actions.RemoveAt(1);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Plans.CreatePlanAsync(new CreatePlanRequest { Plan = plan }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["plan.actions"], e.ViolatedFields());
        Assert.Equal("R-VI1", e.ErrorInfo().Metadata["rule_id"]);
    }

    [Fact]
    public async Task R_RM4_an_actively_managed_nominals_plan_needs_a_review_date_after_today()
    {
        var (s, nominal) = await ManagedAsync();
        var plan = PlanTestData.PolicePlan(nominal.Name);
        plan.ReviewDate = PlanTestData.Today();

        await RpcAssert.RefusedByRuleAsync("R-RM4", "plan.review_date",
            () => Plans.CreatePlanAsync(new CreatePlanRequest { Plan = plan }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task Bounded_input_21_objectives_are_refused_citing_R_MG4_and_nothing_is_written()
    {
        var (s, nominal) = await ManagedAsync();
        var plan = PlanTestData.PolicePlan(nominal.Name);
        plan.Objectives.AddRange(Enumerable.Range(0, 19).Select(i => new PlanObjective { Id = $"extra-{i}", Outcome = "An outcome." }));

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Plans.CreatePlanAsync(new CreatePlanRequest { Plan = plan }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["plan.objectives"], e.ViolatedFields());
        Assert.Equal("R-MG4", e.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plans WHERE force_code = @force", s.Force));
    }

    [Fact]
    public async Task R_MG4_a_revision_supersedes_the_current_version_which_stays_readable_and_completions_carry_over()
    {
        var (s, nominal) = await ManagedAsync();
        var first = await CountersignedAsync(s, PlanTestData.PolicePlan(nominal.Name));
        var completed = (await Plans.CompletePlanActionAsync(new CompletePlanActionRequest
        {
            Name = $"{first.Name}/actions/visits", Etag = first.Etag, CompletionDate = PlanTestData.InDays(-1), Note = "Three visits made.",
        }, s.AsOfficer)).Plan;

        var unrevised = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Plans.CreatePlanAsync(new CreatePlanRequest { Plan = PlanTestData.PolicePlan(nominal.Name) }, s.AsOfficer).ResponseAsync);
        var revision = PlanTestData.PolicePlan(nominal.Name);
        revision.Revises = first.Name;
        var second = await CreateAsync(s, revision);
        var another = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Plans.CreatePlanAsync(new CreatePlanRequest { Plan = revision }, s.AsOfficer).ResponseAsync);
        var secondCountersigned = await CountersignAsync(s, second);
        var firstAfter = (await Plans.GetPlanAsync(new GetPlanRequest { Name = first.Name }, s.AsOfficer)).Plan;

        Assert.Equal("PLAN_NOT_CURRENT", unrevised.ErrorInfo().Reason);
        Assert.Equal("PLAN_VERSION_OPEN", another.ErrorInfo().Reason);
        Assert.Equal((2, first.Name), (second.Version, second.Revises));
        Assert.Equal(completed.Actions[0].Completion, second.Actions.Single(a => a.Id == "visits").Completion);
        Assert.True(secondCountersigned.Current);
        Assert.Equal((PlanState.Countersigned, false, second.Name), (firstAfter.State, firstAfter.Current, firstAfter.SupersededBy));
        Assert.Equal([second.Name, first.Name], (await ListAsync(s, nominal)).Select(p => p.Name));
        var e = Assert.Single(await FeedAsync(s.Force), x => x.Subject == second.Name);
        Assert.Equal(("2", first.Name), (e.Attributes["version"], e.Attributes["superseded"]));
        Assert.Equal(Iso(PlanTestData.TodayDate().AddDays(30)) + "|COMPLETED", e.Attributes["action:visits"]);
    }

    [Fact]
    public async Task R_MG4_an_actions_completion_is_recorded_once_and_goes_on_the_feed()
    {
        var (s, nominal) = await ManagedAsync();
        var current = await CountersignedAsync(s, PlanTestData.PolicePlan(nominal.Name));
        var action = $"{current.Name}/actions/victim-warning";
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Plans.CompletePlanActionAsync(new CompletePlanActionRequest
        {
            Name = action, Etag = current.Etag, CompletionDate = PlanTestData.InDays(1), Note = "Not yet.",
        }, s.AsOfficer).ResponseAsync);

        var done = (await Plans.CompletePlanActionAsync(new CompletePlanActionRequest
        {
            Name = action, Etag = current.Etag, CompletionDate = PlanTestData.Today(), Note = "Safety measures agreed with the school.",
        }, s.AsOfficer)).Plan;
        var again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Plans.CompletePlanActionAsync(new CompletePlanActionRequest
        {
            Name = action, Etag = done.Etag, CompletionDate = PlanTestData.Today(), Note = "Again.",
        }, s.AsOfficer).ResponseAsync);

        var completion = done.Actions.Single(a => a.Id == "victim-warning").Completion;
        Assert.Equal((PlanTestData.Today(), NominalScenario.Officer, "Safety measures agreed with the school."),
            (completion.CompletionDate, completion.CompletedBy, completion.Note));
        Assert.Equal("ACTION_ALREADY_COMPLETED", again.ErrorInfo().Reason);
        var e = Assert.Single(await FeedAsync(s.Force), x => x.Type == InterventionEventType.PlanActionCompleted);
        Assert.Equal(current.Name, e.Subject);
        Assert.Equal(new Dictionary<string, string>
        {
            ["action"] = "victim-warning",
            ["completion_date"] = Iso(PlanTestData.TodayDate()),
            ["kind"] = "PLAN_KIND_POLICE",
        }, e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary());
    }

    /// <summary>A managed nominal of a new force: its MOSOVO officer and supervisor are the scenario's.</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> ManagedAsync(bool policeLead = false, int mappaLevel = 0)
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var nominal = await s.ManageAsync(created);
        if (policeLead)
        {
            nominal = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest
            {
                Name = nominal.Name, LeadAgency = LeadAgency.Police, Reason = "police lead (synthetic)", Etag = nominal.Etag,
            }, s.AsOfficer)).Nominal;
        }
        if (mappaLevel > 0)
        {
            nominal = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest
            {
                Name = nominal.Name, Category = 1, Level = mappaLevel, Reason = "MAPPA meeting (synthetic)", Etag = nominal.Etag,
            }, s.AsOfficer)).Nominal;
        }
        return (s, nominal);
    }

    private CallOptions AsSecondSupervisor(NominalScenario s) => suite.As(s.Force, SecondSupervisor, RoleSets.Supervisor);

    private async Task<Plan> CreateAsync(NominalScenario s, Plan plan) =>
        (await Plans.CreatePlanAsync(new CreatePlanRequest { Plan = plan, RequestId = Guid.NewGuid().ToString() }, s.AsOfficer)).Plan;

    private async Task<Plan> CountersignAsync(NominalScenario s, Plan draft)
    {
        var submitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = draft.Name, Etag = draft.Etag }, s.AsOfficer)).Plan;
        return (await Plans.CountersignPlanAsync(new CountersignPlanRequest { Name = submitted.Name, Etag = submitted.Etag }, s.AsSupervisor)).Plan;
    }

    private async Task<Plan> CountersignedAsync(NominalScenario s, Plan plan) => await CountersignAsync(s, await CreateAsync(s, plan));

    private async Task<IReadOnlyList<Plan>> ListAsync(NominalScenario s, Nominal nominal) =>
        (await Plans.ListPlansAsync(new ListPlansRequest { Nominal = nominal.Name, Kind = PlanKind.Police }, suite.As(s.Force, "AN-PLAN-1", RoleSets.Analyst))).Plans;

    /// <summary>The interventions change feed as the force's supervisor reads it.</summary>
    private async Task<IReadOnlyList<InterventionEvent>> FeedAsync(string force) =>
        (await new InterventionsService.InterventionsServiceClient(suite.Channel).ListInterventionEventsAsync(
            new ListInterventionEventsRequest { PageSize = 500 }, suite.As(force, NominalScenario.Supervisor, RoleSets.Supervisor))).Events;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> CountAsync(string sql, string force)
    {
        await using var db = await suite.Storage.OpenAsync("interventions");
        return await db.ExecuteScalarAsync<long>(sql, new { force });
    }
}
