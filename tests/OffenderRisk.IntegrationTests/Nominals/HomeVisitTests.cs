using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Assessments;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.IntelligenceScenario;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// Home visits through the gateway (R-AS9, R-MG7, R-ID2, R-ID4, R-MR4) and the duties raised when
/// management becomes active (R-MG3).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class HomeVisitTests(SuiteFixture suite)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private HomeVisitsService.HomeVisitsServiceClient Visits => new(suite.Channel);

    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>An actively managed nominal of a new force, with a visit planned for today.</summary>
    private async Task<(NominalScenario S, Nominal Nominal, HomeVisit Visit)> PlannedAsync()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(created);
        var visit = (await Visits.PlanHomeVisitAsync(new PlanHomeVisitRequest
        {
            Parent = managed.Name,
            HomeVisit = new HomeVisit { PlannedDate = Date(Today), Purpose = "Fictional test: routine visit." },
            RequestId = Guid.NewGuid().ToString(),
        }, s.AsOfficer)).HomeVisit;
        return (s, managed, visit);
    }

    /// <summary>An outcome of a visit made <paramref name="minutesAgo"/> minutes ago.</summary>
    private static RecordHomeVisitOutcomeRequest Outcome(HomeVisit visit, HomeVisitState outcome, string note = "", string observations = "", int minutesAgo = 20) => new()
    {
        Name = visit.Name,
        Outcome = outcome,
        VisitTime = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-minutesAgo)),
        OutcomeNote = note,
        Observations = observations,
        Etag = visit.Etag,
    };

    private async Task<AcuteFactorRecord> RecordAcuteFactorsAsync(NominalScenario s, Nominal nominal, HomeVisit visit) =>
        (await new AssessmentsService.AssessmentsServiceClient(suite.Channel).RecordAcuteFactorsAsync(
            new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal.Name, visit.Name) }, s.AsOfficer)).Record;

    [Fact]
    public async Task A_planned_visit_is_read_and_listed_newest_planned_date_first()
    {
        var (s, nominal, visit) = await PlannedAsync();
        var later = (await Visits.PlanHomeVisitAsync(new PlanHomeVisitRequest
        {
            Parent = nominal.Name, HomeVisit = new HomeVisit { PlannedDate = Date(Today.AddDays(14)), Officer = "PC-OTHER-1" },
        }, s.AsSupervisor)).HomeVisit;

        var read = (await Visits.GetHomeVisitAsync(new GetHomeVisitRequest { Name = visit.Name }, s.AsOfficer)).HomeVisit;
        var listed = (await Visits.ListHomeVisitsAsync(new ListHomeVisitsRequest { Parent = nominal.Name, PageSize = 1 }, s.AsOfficer));
        var rest = (await Visits.ListHomeVisitsAsync(new ListHomeVisitsRequest { Parent = nominal.Name, PageSize = 1, PageToken = listed.NextPageToken }, s.AsOfficer));

        Assert.Equal(visit, read);
        Assert.StartsWith(nominal.Name + "/homeVisits/", visit.Name, StringComparison.Ordinal);
        Assert.Equal((HomeVisitState.Planned, NominalScenario.Officer, NominalScenario.Officer), (visit.State, visit.Officer, visit.PlannedBy));
        Assert.Equal(("PC-OTHER-1", NominalScenario.Supervisor), (later.Officer, later.PlannedBy));
        Assert.Equal([later.Name, visit.Name], [.. listed.HomeVisits.Select(v => v.Name), .. rest.HomeVisits.Select(v => v.Name)]);
        Assert.Equal("", rest.NextPageToken);
    }

    [Fact]
    public async Task A_visit_is_not_planned_for_a_day_already_past()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Visits.PlanHomeVisitAsync(new PlanHomeVisitRequest
        {
            Parent = nominal.Name, HomeVisit = new HomeVisit { PlannedDate = Date(Today.AddDays(-2)) },
        }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["home_visit.planned_date"], e.ViolatedFields());
    }

    [Fact]
    public async Task R_AS9_completing_a_visit_without_its_acute_factor_record_is_refused_and_nothing_is_written()
    {
        var (s, nominal, visit) = await PlannedAsync();
        // A record made for another visit is not this visit's.
        await new AssessmentsService.AssessmentsServiceClient(suite.Channel).RecordAcuteFactorsAsync(
            new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal.Name, nominal.Name + "/homeVisits/another") }, s.AsOfficer);
        var before = await ObligationScenario.ListAsync(suite, s, nominal.Name);

        await RpcAssert.RefusedByRuleAsync("R-AS9", "name",
            () => Visits.RecordHomeVisitOutcomeAsync(Outcome(visit, HomeVisitState.Completed, observations: "Fictional: tidy flat."), s.AsOfficer).ResponseAsync);

        Assert.Equal(visit, (await Visits.GetHomeVisitAsync(new GetHomeVisitRequest { Name = visit.Name }, s.AsOfficer)).HomeVisit);
        Assert.Equal(before, await ObligationScenario.ListAsync(suite, s, nominal.Name));
        Assert.Empty((await IntelligenceScenario.Client(suite).ListIntelligenceAsync(new ListIntelligenceRequest { Parent = nominal.Name }, s.AsOfficer)).Intelligence);
        Assert.Equal(nominal.Etag, (await s.GetAsync(nominal.Name)).Etag);
    }

    [Fact]
    public async Task R_AS9_with_its_acute_factor_record_a_visit_completes_satisfies_the_visit_obligation_and_raises_the_next()
    {
        var (s, nominal, visit) = await PlannedAsync();
        var acute = await RecordAcuteFactorsAsync(s, nominal, visit);
        var owed = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => o.Kind == ObligationKind.HomeVisit);

        // Made after management became active (R-MR4: a visit cannot fulfil a duty raised after it).
        var completed = (await Visits.RecordHomeVisitOutcomeAsync(Outcome(visit, HomeVisitState.Completed, minutesAgo: 0), s.AsOfficer)).HomeVisit;

        Assert.Equal((HomeVisitState.Completed, acute.Name, NominalScenario.Officer), (completed.State, completed.AcuteFactorRecord, completed.RecordedBy));
        Assert.NotEqual(visit.Etag, completed.Etag);
        var visits = (await ObligationScenario.ListAsync(suite, s, nominal.Name)).Where(o => o.Kind == ObligationKind.HomeVisit).ToList();
        var satisfied = Assert.Single(visits, o => o.Name == owed.Name);
        Assert.Equal((ObligationState.Satisfied, visit.Name), (satisfied.State, satisfied.SatisfiedBy));
        var next = Assert.Single(visits, o => o.State == ObligationState.Open);
        // Not yet assessed: the next visit is due after Rules:HomeVisitIntervalDays:Unassessed (60 days).
        Assert.Equal(("HOME_VISIT", visit.Name, Date(Today.AddDays(60))), (next.Trigger, next.TriggerRecord, next.DueDate));
    }

    [Fact]
    public async Task An_outcome_is_recorded_once()
    {
        var (s, _, visit) = await PlannedAsync();
        var recorded = (await Visits.RecordHomeVisitOutcomeAsync(Outcome(visit, HomeVisitState.NoAccess, "Fictional: nobody in."), s.AsOfficer)).HomeVisit;

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Visits.RecordHomeVisitOutcomeAsync(Outcome(recorded, HomeVisitState.Cancelled, "Fictional: cancelled."), s.AsOfficer).ResponseAsync);

        Assert.Equal("HOME_VISIT_ALREADY_RECORDED", e.ErrorInfo().Reason);
        Assert.Equal((HomeVisitState.NoAccess, "", ""), (recorded.State, recorded.NonCooperation, recorded.Intelligence));
    }

    [Fact]
    public async Task R_MG7_a_refused_entry_records_non_cooperation_flags_the_nominal_and_queues_a_work_item()
    {
        var (s, nominal, visit) = await PlannedAsync();

        var refused = (await Visits.RecordHomeVisitOutcomeAsync(
            Outcome(visit, HomeVisitState.RefusedEntry, "Fictional test: door not opened, spoke through the letterbox."), s.AsOfficer)).HomeVisit;

        Assert.Equal(HomeVisitState.RefusedEntry, refused.State);
        var nonCooperation = Assert.Single((await IntelligenceScenario.Client(suite).ListNonCooperationAsync(new ListNonCooperationRequest { Parent = nominal.Name }, s.AsOfficer)).NonCooperation);
        Assert.Equal((refused.NonCooperation, NonCooperationKind.RefusedEntry, refused.OutcomeNote, refused.VisitTime),
            (nonCooperation.Name, nonCooperation.Kind, nonCooperation.Details, nonCooperation.OccurTime));
        var flagged = await s.GetAsync(nominal.Name);
        Assert.True(flagged.FlaggedForReview);
        Assert.Contains("refused entry", flagged.ReviewFlagReason, StringComparison.Ordinal);
        var item = Assert.Single(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal((WorkItemKind.NonCooperation, nonCooperation.Name), (item.Kind, item.Reference));
        var e = Assert.Single(await EventsForAsync(suite, s, nominal.Name), x => x.Type == NominalEventType.NonCooperation);
        Assert.Equal(nonCooperation.Name, e.Attributes["non_cooperation"]);
        // A refused visit is not a visit: the duty stays open.
        Assert.Equal(ObligationState.Open, Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => o.Kind == ObligationKind.HomeVisit).State);
    }

    [Fact]
    public async Task R_ID4_observations_become_intelligence_with_source_home_visit_routed_to_the_officer()
    {
        var (s, nominal, visit) = await PlannedAsync();
        const string observations = "Fictional test: a second toothbrush and children's shoes in the hall.";

        var recorded = (await Visits.RecordHomeVisitOutcomeAsync(
            Outcome(visit, HomeVisitState.NoAccess, "Fictional: seen through the window, nobody answered.", observations), suite.As(s.Force, "SGT-SUP-2", RoleSets.Supervisor))).HomeVisit;

        Assert.Equal(observations, recorded.Observations);
        var intelligence = (await IntelligenceScenario.Client(suite).GetIntelligenceAsync(new GetIntelligenceRequest { Name = recorded.Intelligence }, s.AsOfficer)).Intelligence;
        Assert.Equal((IntelligenceSource.HomeVisit, observations, recorded.VisitTime, "SGT-SUP-2"),
            (intelligence.Source, intelligence.Text, intelligence.ObserveTime, intelligence.RecordedBy));
        // R-ID2: routed at once to the nominal's MOSOVO officer.
        var item = Assert.Single(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal((WorkItemKind.Intelligence, recorded.Intelligence, "INTELLIGENCE_SOURCE_HOME_VISIT"), (item.Kind, item.Reference, item.SummaryCode));
    }

    [Fact]
    public async Task R_MG3_becoming_active_raises_a_registered_offenders_police_plan_and_the_next_visit()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var pending = await ObligationScenario.ListAsync(suite, s, created.Name);

        var managed = await s.ManageAsync(created);

        Assert.Empty(pending);
        var raised = await ObligationScenario.ListAsync(suite, s, managed.Name);
        Assert.Equal(
            [(ObligationKind.PolicePlan, Date(Today.AddDays(28))), (ObligationKind.HomeVisit, Date(Today.AddDays(60)))],
            raised.Select(o => (o.Kind, o.DueDate)));
        Assert.All(raised, o => Assert.Equal(("MANAGED", ObligationState.Open, managed.Name), (o.Trigger, o.State, o.TriggerRecord)));
    }

    [Fact]
    public async Task R_MG3_a_nominal_not_MAPPA_eligible_owes_only_the_visit_when_management_becomes_active()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite, n => n.Category = NominalCategory.PotentiallyDangerousPerson);

        var managed = await s.ManageAsync(created);

        Assert.Equal([ObligationKind.HomeVisit], (await ObligationScenario.ListAsync(suite, s, managed.Name)).Select(o => o.Kind));
    }

    [Fact]
    public async Task Another_forces_visit_is_not_found_and_nothing_is_recorded()
    {
        var (s, _, visit) = await PlannedAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Visits.RecordHomeVisitOutcomeAsync(
            Outcome(visit, HomeVisitState.Completed), suite.As(TestData.NewForce(), NominalScenario.Officer, RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(HomeVisitState.Planned, (await Visits.GetHomeVisitAsync(new GetHomeVisitRequest { Name = visit.Name }, s.AsOfficer)).HomeVisit.State);
    }
}
