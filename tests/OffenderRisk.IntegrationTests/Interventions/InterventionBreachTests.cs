using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Interventions.InterventionLifecycleTests;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>Breaches of interventions through the gateway (R-MG10): kept on the intervention and put on the feed in one transaction.</summary>
[Collection(SuiteCollection.Name)]
public sealed class InterventionBreachTests(SuiteFixture suite)
{
    private InterventionsService.InterventionsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_MG10_a_breach_of_an_active_intervention_is_kept_on_it_and_goes_on_the_feed_with_its_name_date_and_kind()
    {
        var (force, active) = await ActiveAsync("PC-7001", startedDaysAgo: 20);

        var answer = await Client.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = active.Name,
            Breach = new Breach { OccurDate = DaysAgo(3), Details = "Found away from the address after the curfew hour.", ImmediateAction = "arrested" },
            RequestId = Guid.NewGuid().ToString(),
        }, suite.As(force, "PC-7002", RoleSets.Officer));

        var breach = answer.Breach;
        Assert.Matches($"^{active.Name}/breaches/[0-9a-f-]{{36}}$", breach.Name);
        Assert.Equal(DaysAgo(3), breach.OccurDate);
        Assert.Equal("arrested", breach.ImmediateAction);
        Assert.Equal("PC-7002", breach.RecordedBy);
        Assert.Equal([breach], answer.Intervention.Breaches);
        Assert.Equal(answer.Intervention, await GetAsync(force, active.Name));

        var e = Assert.Single(await EventsAsync(force), e => e.Type == InterventionEventType.InterventionBreached);
        Assert.Equal(active.Name, e.Subject);
        Assert.Equal(active.Nominal, e.Nominal);
        Assert.Equal(force, e.ForceCode);
        Assert.Equal(
            new Dictionary<string, string> { ["breach"] = breach.Name, ["occur_date"] = Iso(DaysAgo(3)), ["kind"] = "INTERVENTION_KIND_HOME_VISITS" },
            e.Attributes);
    }

    [Fact]
    public async Task R_MG10_a_breach_of_a_planned_or_ended_intervention_is_refused_and_nothing_is_written()
    {
        var (force, active) = await ActiveAsync("PC-7011", startedDaysAgo: 5);
        var nominal = active.Nominal;
        var planned = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(force, "PC-7011", RoleSets.Mosovo))).Intervention;
        var ended = (await Client.ChangeInterventionStatusAsync(new ChangeInterventionStatusRequest
        {
            Name = active.Name, Status = InterventionStatus.Ended, EffectiveDate = DaysAgo(1), Reason = "completed", Etag = active.Etag,
        }, suite.As(force, "PC-7011", RoleSets.Mosovo))).Intervention;
        var eventsBefore = (await EventsAsync(force)).Count;

        foreach (var intervention in new[] { planned, ended })
        {
            await RpcAssert.RefusedByRuleAsync("R-MG10", "parent", () => Client.RecordBreachAsync(new RecordBreachRequest
            {
                Parent = intervention.Name, Breach = new Breach { OccurDate = DaysAgo(0), Details = "missed the appointment" },
            }, suite.As(force, "PC-7012", RoleSets.Mosovo)).ResponseAsync);
            Assert.Equal(intervention, await GetAsync(force, intervention.Name));
        }
        Assert.Equal(eventsBefore, (await EventsAsync(force)).Count);
    }

    [Fact]
    public async Task R_MG10_a_repeated_request_id_returns_the_first_breach_and_records_one()
    {
        var (force, active) = await ActiveAsync("PC-7021", startedDaysAgo: 5);
        var request = new RecordBreachRequest
        {
            Parent = active.Name, Breach = new Breach { OccurDate = DaysAgo(1), Details = "entered an exclusion zone" }, RequestId = Guid.NewGuid().ToString(),
        };

        var first = await Client.RecordBreachAsync(request, suite.As(force, "PC-7022", RoleSets.Mosovo));
        var second = await Client.RecordBreachAsync(request, suite.As(force, "PC-7022", RoleSets.Mosovo));
        request.Breach.Details = "something else";
        var reused = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Client.RecordBreachAsync(request, suite.As(force, "PC-7022", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(first, second);
        Assert.Equal("REQUEST_ID_REUSED", reused.ErrorInfo().Reason);
        Assert.Single((await GetAsync(force, active.Name)).Breaches);
        Assert.Single(await EventsAsync(force), e => e.Type == InterventionEventType.InterventionBreached);
    }

    [Fact]
    public async Task R_MG10_a_breach_before_the_intervention_started_is_refused_and_one_in_the_future_or_without_details_is_invalid()
    {
        var (force, active) = await ActiveAsync("PC-7031", startedDaysAgo: 5);

        await RpcAssert.RefusedByRuleAsync("R-MG10", "breach.occur_date", () => Client.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = active.Name, Breach = new Breach { OccurDate = DaysAgo(6), Details = "before it started" },
        }, suite.As(force, "PC-7031", RoleSets.Mosovo)).ResponseAsync);
        var invalid = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = active.Name, Breach = new Breach { OccurDate = DaysAgo(-1), ImmediateAction = new string('x', 4001) },
        }, suite.As(force, "PC-7031", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["breach.occur_date", "breach.details", "breach.immediate_action"], invalid.ViolatedFields());
        Assert.Empty((await GetAsync(force, active.Name)).Breaches);
    }

    [Fact]
    public async Task A_breach_is_audited_as_an_alteration_of_the_intervention_and_another_force_gets_not_found()
    {
        var (force, active) = await ActiveAsync("PC-7041", startedDaysAgo: 5);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = active.Name, Breach = new Breach { OccurDate = DaysAgo(0), Details = "x" },
        }, suite.As(TestData.NewForce(), "PC-7042", RoleSets.Officer)).ResponseAsync);

        await Client.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = active.Name, Breach = new Breach { OccurDate = DaysAgo(0), Details = "failed to attend" },
        }, suite.As(force, "PC-7043", RoleSets.Officer));

        await using var db = await suite.Storage.OpenAsync("interventions");
        var entries = (await db.QueryAsync<(long Operation, string Subject)>(
            "SELECT operation, subject FROM audit_log WHERE actor = 'PC-7043' AND actor_force = @force", new { force })).ToList();
        Assert.Equal([((long)Contracts.Audit.V1.AuditOperation.Alteration, active.Name)], entries);
        Assert.Single((await GetAsync(force, active.Name)).Breaches);
    }

    /// <summary>A new force with one intervention ACTIVE since <paramref name="startedDaysAgo"/> days ago.</summary>
    private async Task<(string Force, Intervention Intervention)> ActiveAsync(string officer, int startedDaysAgo)
    {
        var force = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, force);
        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(force, officer, RoleSets.Mosovo))).Intervention;
        var active = (await Client.ChangeInterventionStatusAsync(new ChangeInterventionStatusRequest
        {
            Name = created.Name, Status = InterventionStatus.Active, EffectiveDate = DaysAgo(startedDaysAgo), Reason = "started", Etag = created.Etag,
        }, suite.As(force, officer, RoleSets.Mosovo))).Intervention;
        return (force, active);
    }

    private async Task<Intervention> GetAsync(string force, string name) =>
        (await Client.GetInterventionAsync(new GetInterventionRequest { Name = name }, suite.As(force, "AN-7999", RoleSets.Analyst))).Intervention;

    private async Task<IReadOnlyList<InterventionEvent>> EventsAsync(string force) =>
        (await Client.ListInterventionEventsAsync(new ListInterventionEventsRequest { PageSize = 500 }, suite.As(force, "AN-7998", RoleSets.Analyst))).Events;
}
