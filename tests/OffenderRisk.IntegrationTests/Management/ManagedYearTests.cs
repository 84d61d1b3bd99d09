using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Assessments;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Interventions;
using AssessmentGender = OffenderRisk.Contracts.Assessments.V1.Gender;
using NominalGender = OffenderRisk.Contracts.Nominals.V1.Gender;
using OffenceTestData = OffenderRisk.IntegrationTests.Nominals.OffenceTestData;

namespace OffenderRisk.IntegrationTests.Management;

/// <summary>
/// A suite whose services keep their records by a clock started at a chosen date
/// (<c>Clock:StartAt</c>, honoured in the Testing environment only), moved forward by restarting
/// every service at a later date on the same storage: a nominal's management lived through the
/// years it takes, through the gateway.
/// </summary>
public sealed class ClockedSuiteFixture : IAsyncLifetime
{
    /// <summary>Monday 4 January 2027, 09:00 in London (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    public SuiteFixture Suite { get; } = new();

    public async Task InitializeAsync()
    {
        SetClock(Start);
        await Suite.InitializeAsync();
    }

    /// <summary>Restarts every service with its clock at <paramref name="at"/>; the storage, the gateway and the agencies stay.</summary>
    public async Task MoveClockToAsync(DateTimeOffset at)
    {
        SetClock(at);
        await Suite.RestartAllServicesAsync();
    }

    /// <summary>
    /// Every process reads <paramref name="at"/> now, whenever it starts: one time across the suite,
    /// so that a record made by one service is never dated before the event another service made it from.
    /// </summary>
    private void SetClock(DateTimeOffset at)
    {
        Suite.ExtraServiceSettings["Clock__StartAt"] = at.ToString("O");
        Suite.ExtraServiceSettings["Clock__StartedAt"] = DateTimeOffset.UtcNow.ToString("O");
    }

    public Task DisposeAsync() => Suite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClockedSuiteCollection : ICollectionFixture<ClockedSuiteFixture>
{
    public const string Name = "clocked-suite";
}

/// <summary>
/// The "realistic year" (and the three years after it), through the gateway: a
/// nominal placed on MAPPA level 2 gets a police plan and a MAPPA plan, written and countersigned
/// (R-MG3, R-MG4, R-MG5, R-MR1); an intervention is breached and the reassessment obligation
/// appears with a work item (R-MG10); the MAPPA review is missed and shows as overdue on the
/// officer's, the team's and the force's lists (R-MR2, R-MR3); a home visit is refused and the
/// nominal is flagged (R-MG7); a proposal for reactive management is refused criterion by
/// criterion (R-RM1); then, with three years of low assessments on record, proposed again, approved
/// by a supervisor who is neither the proposer nor the officer (R-RM4), and the nominal is reactive:
/// no visit is due (R-RM5) and the police plan has no review date (R-RM4).
/// </summary>
[Collection(ClockedSuiteCollection.Name)]
public sealed class ManagedYearTests(ClockedSuiteFixture clocked)
{
    private const string Force = "YR01";
    private const string Officer = "PC-YEAR-1";
    private const string Supervisor = "SGT-YEAR-1";
    private const string SecondSupervisor = "SGT-YEAR-2";
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(30);

    private SuiteFixture Suite => clocked.Suite;
    private NominalsService.NominalsServiceClient Nominals => new(Suite.Channel);
    private ObligationsService.ObligationsServiceClient Obligations => new(Suite.Channel);
    private AssessmentsService.AssessmentsServiceClient Assessments => new(Suite.Channel);
    private PlansService.PlansServiceClient Plans => new(Suite.Channel);
    private InterventionsService.InterventionsServiceClient Interventions => new(Suite.Channel);
    private IntelligenceService.IntelligenceServiceClient Intelligence => new(Suite.Channel);
    private HomeVisitsService.HomeVisitsServiceClient Visits => new(Suite.Channel);
    private ReactiveManagementService.ReactiveManagementServiceClient Reactive => new(Suite.Channel);
    private TeamsService.TeamsServiceClient Teams => new(Suite.Channel);

    private CallOptions AsOfficer => Suite.As(Force, Officer, RoleSets.Mosovo);
    private CallOptions AsSupervisor => Suite.As(Force, Supervisor, RoleSets.Supervisor);
    private CallOptions AsSecondSupervisor => Suite.As(Force, SecondSupervisor, RoleSets.Supervisor);

    private static CalendarDate Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    [Fact]
    public async Task A_managed_year_then_three_low_years_R_MG3_R_MG5_R_MG10_R_MR2_R_MR3_R_MG7_R_RM1_R_RM4()
    {
        // --- January 2027: placed on MAPPA level 2, assessed, planned, an intervention breached ---
        var team = (await Teams.CreateTeamAsync(new CreateTeamRequest
        {
            Team = new Team { DisplayName = "Public Protection Unit North (synthetic)" }, RequestId = Guid.NewGuid().ToString(),
        }, AsSupervisor)).Team;
        team = (await Teams.AddTeamMemberAsync(new AddTeamMemberRequest { Name = team.Name, Officer = Officer, Etag = team.Etag }, AsSupervisor)).Team;

        var nominal = await NewManagedNominalAsync();
        nominal = (await Nominals.SetMappaManagementAsync(new SetMappaManagementRequest
        {
            Name = nominal.Name, Category = 1, Level = 2, Reason = "MAPPA meeting: multi-agency management needed", Etag = nominal.Etag,
            EffectiveDate = Date(2027, 1, 4),
        }, AsOfficer)).Nominal;

        var open = await ObligationsAsync(nominal.Name, ObligationState.Open);
        var review = Assert.Single(open, o => o.Kind == ObligationKind.MappaReview);
        Assert.Equal(Date(2027, 4, 26), review.DueDate); // R-MR2: level 2, 112 days from the level being set.
        Assert.Contains(open, o => o.Kind == ObligationKind.PolicePlan); // R-MG3: once managed.
        Assert.Contains(open, o => o.Kind == ObligationKind.MappaPlan); // R-MG5: at level 2.

        var firstArms = await CountersignedLowArmsAsync(nominal.Name, Date(2027, 1, 4));

        var policePlan = await CountersignedPlanAsync(nominal.Name, PlanKind.Police);
        var mappaPlan = await CountersignedPlanAsync(nominal.Name, PlanKind.Mappa);
        await IdentityScenario.EventuallyAsync(async () =>
        {
            var all = await ObligationsAsync(nominal.Name, ObligationState.Unspecified);
            return all.Any(o => o.Kind == ObligationKind.PolicePlan && o.State == ObligationState.Satisfied && o.SatisfiedBy == policePlan.Name)
                && all.Any(o => o.Kind == ObligationKind.MappaPlan && o.State == ObligationState.Satisfied && o.SatisfiedBy == mappaPlan.Name)
                && all.Any(o => o.Kind == ObligationKind.PlanAction && o.TriggerRecord == $"{policePlan.Name}/actions/victim-safety-check");
        }, FeedWait, "the plan obligations satisfied and one obligation per open action (R-MG3, R-MG4, R-MG5)");

        var curfew = (await Interventions.CreateInterventionAsync(new CreateInterventionRequest
        {
            Intervention = InterventionTestData.HomeVisits(nominal.Name), RequestId = Guid.NewGuid().ToString(),
        }, AsOfficer)).Intervention;
        curfew = (await Interventions.ChangeInterventionStatusAsync(new ChangeInterventionStatusRequest
        {
            Name = curfew.Name, Status = InterventionStatus.Active, EffectiveDate = Date(2027, 1, 4), Reason = "agreed at the MAPPA meeting", Etag = curfew.Etag,
        }, AsOfficer)).Intervention;
        var breach = (await Interventions.RecordBreachAsync(new RecordBreachRequest
        {
            Parent = curfew.Name, RequestId = Guid.NewGuid().ToString(),
            Breach = new Breach { OccurDate = Date(2027, 1, 4), Details = "Not at home at the agreed time (synthetic).", ImmediateAction = "Reported to the MOSOVO officer." },
        }, AsOfficer)).Breach;

        // R-MG10: the breach starts the response: a reassessment obligation and a work item for the officer.
        await IdentityScenario.EventuallyAsync(async () =>
            (await ObligationsAsync(nominal.Name, ObligationState.Open)).Any(o => o.Kind == ObligationKind.Arms && o.Trigger == "INTERVENTION_BREACH"),
            FeedWait, "the reassessment obligation the breach raised (R-MG10)");
        var queue = (await Intelligence.ListWorkItemsAsync(new ListWorkItemsRequest { Queue = WorkQueue.Officer, PageSize = 200 }, AsOfficer)).WorkItems;
        Assert.Contains(queue, w => w.Kind == WorkItemKind.InterventionBreach && w.Reference == breach.Name && w.Nominal == nominal.Name);

        // The reassessment: still low; it satisfies the breach's ARMS obligation.
        var reassessment = await CountersignedLowArmsAsync(nominal.Name, Date(2027, 1, 4));
        await IdentityScenario.EventuallyAsync(async () =>
            (await ObligationsAsync(nominal.Name, ObligationState.Unspecified))
                .Any(o => o.Trigger == "INTERVENTION_BREACH" && o.State == ObligationState.Satisfied && o.SatisfiedBy == reassessment.Name),
            FeedWait, "the reassessment to satisfy the breach's ARMS obligation");

        // --- June 2027: the review was missed; a visit is refused; reactive management refused ---
        await clocked.MoveClockToAsync(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));

        foreach (var (officer, teamName, list) in new (string, string, string)[] { (Officer, "", "officer"), ("", team.Name, "team"), ("", "", "force") })
        {
            var overdue = (await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest
            {
                Officer = officer, Team = teamName, Kind = ObligationKind.MappaReview, PageSize = 200,
            }, AsSupervisor)).Obligations;
            var missed = Assert.Single(overdue, o => o.Nominal == nominal.Name);
            Assert.Equal(Date(2027, 4, 27), missed.OverdueSince); // R-MR3: what is late and since when, on the {list} list.
            Assert.True(missed.DaysOverdue > 0, list);
        }

        var visit = (await Visits.PlanHomeVisitAsync(new PlanHomeVisitRequest
        {
            Parent = nominal.Name, RequestId = Guid.NewGuid().ToString(),
            HomeVisit = new HomeVisit { PlannedDate = Date(2027, 6, 1), Purpose = "Routine visit (synthetic)" },
        }, AsOfficer)).HomeVisit;
        var refused = (await Visits.RecordHomeVisitOutcomeAsync(new RecordHomeVisitOutcomeRequest
        {
            Name = visit.Name, Outcome = HomeVisitState.RefusedEntry, VisitTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 6, 1, 8, 45, 0, TimeSpan.Zero)),
            OutcomeNote = "Spoke through the door; would not let officers in (synthetic).", Etag = visit.Etag,
        }, AsOfficer)).HomeVisit;
        Assert.NotEmpty(refused.NonCooperation); // R-MG7: recorded automatically.
        var flagged = await GetNominalAsync(nominal.Name);
        Assert.True(flagged.FlaggedForReview);

        var early = (await Reactive.ProposeReactiveManagementAsync(new ProposeReactiveManagementRequest
        {
            Parent = nominal.Name, RequestId = Guid.NewGuid().ToString(),
            Decision = new ReactiveDecision { Reasons = { "Compliant and assessed low (synthetic)" } },
        }, AsOfficer)).Decision;
        Assert.Equal(ReactiveDecisionState.Refused, early.State);
        Assert.False(Criterion(early, ReactiveCriterion.LowThroughout).Passed); // R-RM1: not three years of low assessments yet.
        Assert.True(Criterion(early, ReactiveCriterion.CurrentArmsLow).Passed);
        Assert.True(Criterion(early, ReactiveCriterion.RegisteredSexualOffender).Passed);
        Assert.True(Criterion(early, ReactiveCriterion.PoliceLead).Passed);
        Assert.Contains(reassessment.Name, Criterion(early, ReactiveCriterion.CurrentArmsLow).Records);

        // The review, late; the level stepped down to 1 with its rationale.
        var reviewed = (await Nominals.RecordMappaReviewAsync(new RecordMappaReviewRequest
        {
            Parent = nominal.Name, Etag = flagged.Etag,
            Review = new MappaReview
            {
                ReviewDate = Date(2027, 6, 1), Outcome = "Plan working; breach dealt with (synthetic).", LevelDecision = 1,
                Rationale = "Single-agency management now suffices (synthetic).",
            },
        }, AsOfficer));
        Assert.Equal(1, reviewed.Nominal.Mappa.Level);
        Assert.DoesNotContain(await ObligationsAsync(nominal.Name, ObligationState.Open), o => o.Kind == ObligationKind.MappaReview && o.Overdue);

        // --- The three years after: a low ARMS each January ---
        foreach (var year in new[] { 2028, 2029, 2030 })
        {
            await clocked.MoveClockToAsync(new DateTimeOffset(year, 1, 10, 9, 0, 0, TimeSpan.Zero));
            await CountersignedLowArmsAsync(nominal.Name, Date(year, 1, 10));
        }

        // --- June 2030: three years of low assessments since June 2027; approved ---
        await clocked.MoveClockToAsync(new DateTimeOffset(2030, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var proposal = (await Reactive.ProposeReactiveManagementAsync(new ProposeReactiveManagementRequest
        {
            Parent = nominal.Name, RequestId = Guid.NewGuid().ToString(),
            Decision = new ReactiveDecision { Reasons = { "Three years low and compliant (synthetic)" } },
        }, AsOfficer)).Decision;
        Assert.Equal(ReactiveDecisionState.Proposed, proposal.State);
        Assert.All(proposal.Criteria, c => Assert.True(c.Passed, $"{c.Criterion}: {c.Reason}"));
        // The window opens on 3 June 2027: the assessment in force then (the January reassessment) and every one since are low.
        var lowThroughout = Criterion(proposal, ReactiveCriterion.LowThroughout);
        Assert.Contains(reassessment.Name, lowThroughout.Records);
        Assert.DoesNotContain(firstArms.Name, lowThroughout.Records);

        // R-RM4: the nominal's officer cannot approve; another supervisor does.
        var officerAsSupervisor = Suite.As(Force, Officer, RoleSets.Supervisor);
        await RpcAssert.RefusedByRuleAsync("R-RM4", "name",
            () => Reactive.ApproveReactiveDecisionAsync(new ApproveReactiveDecisionRequest { Name = proposal.Name, Etag = proposal.Etag }, officerAsSupervisor).ResponseAsync);
        var approved = (await Reactive.ApproveReactiveDecisionAsync(new ApproveReactiveDecisionRequest { Name = proposal.Name, Etag = proposal.Etag }, AsSecondSupervisor)).Decision;
        Assert.Equal(ReactiveDecisionState.Approved, approved.State);

        var reactive = await GetNominalAsync(nominal.Name);
        Assert.Equal(ManagementStatus.Reactive, reactive.ManagementStatus);
        Assert.Equal(approved.Name, reactive.StatusHistory.Last().ReactiveDecision);
        Assert.DoesNotContain(await ObligationsAsync(nominal.Name, ObligationState.Open), o => o.Kind == ObligationKind.HomeVisit); // R-RM5.
        await IdentityScenario.EventuallyAsync(async () =>
        {
            var current = (await Plans.ListPlansAsync(new ListPlansRequest { Nominal = nominal.Name, Kind = PlanKind.Police }, AsOfficer)).Plans.Single(p => p.Current);
            return current.ReviewDate is null || current.ReviewDate.Year == 0;
        }, FeedWait, "the police plan's review date blanked on reactive management (R-RM4)");
    }

    private static CriterionResult Criterion(ReactiveDecision decision, ReactiveCriterion criterion) =>
        Assert.Single(decision.Criteria, c => c.Criterion == criterion);

    /// <summary>A male registered sexual offender (synthetic), convicted in 2020 and released in 2021, police-led and actively managed by the officer.</summary>
    private async Task<Nominal> NewManagedNominalAsync()
    {
        var shaped = TestData.Nominal("YEARLONG", "Testcase Fictional");
        shaped.Gender = NominalGender.Male;
        shaped.DateOfBirth = Date(1980, 3, 1);
        shaped.Category = NominalCategory.RegisteredSexualOffender;
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = shaped, RequestId = Guid.NewGuid().ToString() }, AsOfficer)).Nominal;
        var convicted = (await Nominals.RecordQualifyingEventAsync(new RecordQualifyingEventRequest
        {
            Parent = created.Name, Etag = created.Etag,
            QualifyingEvent = OffenceTestData.Conviction(new DateOnly(2020, 5, 1), Disposal.Custody, new Term { Years = 3 },
                sentenced: new DateOnly(2020, 6, 1), released: new DateOnly(2021, 6, 1)),
        }, AsOfficer)).Nominal;
        var assigned = (await Nominals.AssignOfficerAsync(new AssignOfficerRequest { Name = created.Name, Officer = Officer, Reason = "allocation", Etag = convicted.Etag }, AsSupervisor)).Nominal;
        var police = (await Nominals.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = created.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = assigned.Etag }, AsOfficer)).Nominal;
        return (await Nominals.ChangeManagementStatusAsync(new ChangeManagementStatusRequest
        {
            Name = created.Name, Status = ManagementStatus.Active, Reason = "managed in the community", Etag = police.Etag,
        }, AsOfficer)).Nominal;
    }

    /// <summary>
    /// A countersigned ARMS whose tools compute low: 46 or more at follow-up, one contact adult
    /// sanction at 40, one sanction in all, no stranger victim (5 + 5 + 10 + 0 + 0 = 20 points or
    /// fewer: low), every group low.
    /// </summary>
    private async Task<Assessment> CountersignedLowArmsAsync(string nominal, CalendarDate followUp)
    {
        var arms = AssessmentTestData.Agreeing(nominal, RiskLevel.Low);
        arms.OspInputs = new OspInputs
        {
            DateOfBirth = Date(1980, 3, 1),
            Gender = AssessmentGender.Male,
            FollowUpStartDate = followUp,
            ContactAdultSanctions = 1,
            TotalSanctions = 1,
            LastSexualSanctionDate = Date(2020, 5, 1),
            StrangerVictim = StrangerVictim.No,
        };
        arms.Arms.Priority = "low";
        var draft = (await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = arms, RequestId = Guid.NewGuid().ToString() }, AsOfficer)).Assessment;
        Assert.Equal(RiskLevel.Low, draft.ToolOutcome);
        var submitted = (await Assessments.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, AsOfficer)).Assessment;
        var countersigned = (await Assessments.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag }, AsSupervisor)).Assessment;
        await IdentityScenario.EventuallyAsync(async () => (await GetNominalAsync(nominal)).AssessmentHistory.Any(a => a.Assessment == countersigned.Name),
            FeedWait, "the nominal to know the countersigned ARMS");
        return countersigned;
    }

    /// <summary>A plan of <paramref name="kind"/> written by the officer and countersigned by a supervisor (R-MG3, R-MG4, R-MR1).</summary>
    private async Task<Plan> CountersignedPlanAsync(string nominal, PlanKind kind)
    {
        var draft = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Plan = new Plan
            {
                Nominal = nominal,
                Kind = kind,
                Summary = "Risk to children through opportunity (synthetic).",
                Objectives = { new PlanObjective { Id = "no-unsupervised-contact", Outcome = "No unsupervised contact with children." } },
                Actions =
                {
                    new PlanAction
                    {
                        Id = "monthly-visit", Heading = ActionHeading.MonitoringAndControl, Description = "Unannounced home visits.",
                        Owner = Officer, DueDate = Date(2027, 2, 1), Objectives = { "no-unsupervised-contact" },
                    },
                    new PlanAction
                    {
                        Id = "victim-safety-check", Heading = ActionHeading.VictimSafetyPlanning, Description = "Confirm the school's safeguarding lead is informed.",
                        Owner = Officer, DueDate = Date(2027, 3, 1), Objectives = { "no-unsupervised-contact" },
                    },
                },
                VictimSafety = "Potential victims: children at the nearby school; safeguarding lead informed.",
                VictimsIdentified = true,
                ReviewDate = Date(2027, 4, 26),
            },
        }, AsOfficer)).Plan;
        var submitted = (await Plans.SubmitPlanAsync(new SubmitPlanRequest { Name = draft.Name, Etag = draft.Etag }, AsOfficer)).Plan;
        return (await Plans.CountersignPlanAsync(new CountersignPlanRequest { Name = submitted.Name, Etag = submitted.Etag }, AsSupervisor)).Plan;
    }

    private async Task<IReadOnlyList<Obligation>> ObligationsAsync(string nominal, ObligationState state) =>
        (await Obligations.ListObligationsAsync(new ListObligationsRequest { Parent = nominal, State = state, PageSize = 200 }, AsOfficer)).Obligations;

    private async Task<Nominal> GetNominalAsync(string name) =>
        (await Nominals.GetNominalAsync(new GetNominalRequest { Name = name }, AsOfficer)).Nominal;
}
