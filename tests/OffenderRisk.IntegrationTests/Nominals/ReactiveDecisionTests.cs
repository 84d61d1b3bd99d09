using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// Reactive management decisions through the gateway (R-RM1 to R-RM4): the officer proposes, the
/// service answers each criterion from the records with pass or fail, the reason and the records
/// it rests on; a supervisor who is neither the proposer nor the officer approves; only an approved
/// decision makes the nominal reactive. The criteria's arithmetic (window, custody, R-RM7) is
/// unit-tested in ReactiveCriteriaTests.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ReactiveDecisionTests(SuiteFixture suite)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>An active registered sexual offender of a new force, police-led unless <paramref name="policeLead"/> is false.</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> ActiveAsync(Gender gender, bool policeLead = true)
    {
        var (s, created) = await NominalScenario.CreateAsync(suite, n => n.Gender = gender);
        var active = await s.ManageAsync(created);
        return (s, policeLead
            ? (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = active.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = active.Etag }, s.AsOfficer)).Nominal
            : active);
    }

    /// <summary>R-RM3: a woman whose only qualifying event is a sexual offence cautioned in 2015, with no significant change since.</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> WomanCautionedIn2015Async()
    {
        var (s, nominal) = await ActiveAsync(Gender.Female);
        var cautioned = await OffenceTestData.RecordAsync(s.Client, nominal, new QualifyingEvent
        {
            Kind = QualifyingEventKind.Caution,
            RelevantDate = Date(new DateOnly(2015, 3, 2)),
            OffenceClass = OffenceClass.Sexual,
            OffenceDescription = "s.3 SOA 2003 (fictional test offence)",
            Disposal = Disposal.Caution,
        }, s.AsOfficer);
        return (s, cautioned);
    }

    private static CriterionResult Criterion(ReactiveDecision d, ReactiveCriterion c) => Assert.Single(d.Criteria, x => x.Criterion == c);

    [Fact]
    public async Task R_RM1_a_male_nominal_created_today_is_refused_with_an_answer_for_each_criterion()
    {
        var (s, nominal) = await ActiveAsync(Gender.Male);

        var decision = await s.ProposeReactiveAsync(nominal);

        Assert.Equal(ReactiveDecisionState.Refused, decision.State);
        Assert.Equal(
            [(ReactiveCriterion.RegisteredSexualOffender, true), (ReactiveCriterion.PoliceLead, true), (ReactiveCriterion.LowThroughout, false),
             (ReactiveCriterion.NoFurtherOffenceOrConcern, true), (ReactiveCriterion.CurrentArmsLow, false), (ReactiveCriterion.NoSexualCivilOrder, true)],
            decision.Criteria.Select(c => (c.Criterion, c.Passed)));
        Assert.All(decision.Criteria, c =>
        {
            Assert.Equal("R-RM1", c.RuleId);
            Assert.NotEmpty(c.Reason);
            Assert.NotEmpty(c.Records);
        });
        Assert.Equal([nominal.Name], Criterion(decision, ReactiveCriterion.RegisteredSexualOffender).Records);
        Assert.Equal(Date(Today.AddYears(-3)), decision.WindowStart);
        Assert.Equal((NominalScenario.Officer, nominal.Name), (decision.ProposedBy, decision.Nominal));
        Assert.StartsWith(nominal.Name + "/reactiveDecisions/", decision.Name, StringComparison.Ordinal);

        // The answer is kept: read and listed as proposed, and it cannot be approved.
        var read = (await s.Reactive.GetReactiveDecisionAsync(new GetReactiveDecisionRequest { Name = decision.Name }, s.AsOfficer)).Decision;
        Assert.Equal(decision, read);
        var listed = (await s.Reactive.ListReactiveDecisionsAsync(new ListReactiveDecisionsRequest { Parent = nominal.Name }, s.AsOfficer)).Decisions;
        Assert.Equal([decision.Name], listed.Select(d => d.Name));
        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => s.Reactive.ApproveReactiveDecisionAsync(
            new ApproveReactiveDecisionRequest { Name = decision.Name, Etag = decision.Etag }, s.AsSupervisor).ResponseAsync);
        Assert.Equal("DECISION_NOT_PROPOSED", e.ErrorInfo().Reason);
        Assert.Equal(ManagementStatus.Active, (await s.GetAsync(nominal.Name)).ManagementStatus);
    }

    [Fact]
    public async Task R_RM1_a_lead_agency_left_unset_fails_POLICE_LEAD()
    {
        var (s, nominal) = await ActiveAsync(Gender.Female, policeLead: false);

        var decision = await s.ProposeReactiveAsync(nominal, NominalScenario.Judgement());

        var lead = Criterion(decision, ReactiveCriterion.PoliceLead);
        Assert.False(lead.Passed);
        Assert.Contains("not merely left unset", lead.Reason, StringComparison.Ordinal);
        Assert.Equal(ReactiveDecisionState.Refused, decision.State);
    }

    [Fact]
    public async Task R_RM3_a_woman_offence_and_concern_free_for_three_years_passes_on_professional_judgement_and_is_approved()
    {
        var (s, nominal) = await WomanCautionedIn2015Async();
        var request = new ProposeReactiveManagementRequest
        {
            Parent = nominal.Name,
            Decision = new ReactiveDecision { Reasons = { NominalScenario.PlacementReasons }, ProfessionalJudgement = NominalScenario.Judgement() },
            RequestId = Guid.NewGuid().ToString(),
        };

        var proposed = (await s.Reactive.ProposeReactiveManagementAsync(request, s.AsOfficer)).Decision;
        var replayed = (await s.Reactive.ProposeReactiveManagementAsync(request, s.AsOfficer)).Decision;

        Assert.Equal(ReactiveDecisionState.Proposed, proposed.State);
        Assert.Equal(proposed.Name, replayed.Name);
        Assert.Equal(
            [ReactiveCriterion.RegisteredSexualOffender, ReactiveCriterion.PoliceLead, ReactiveCriterion.NoFurtherOffenceOrConcern,
             ReactiveCriterion.NoSexualCivilOrder, ReactiveCriterion.ProfessionalJudgement],
            proposed.Criteria.Select(c => c.Criterion));
        Assert.All(proposed.Criteria, c => Assert.True(c.Passed, c.Reason));
        Assert.Equal("R-RM3", Criterion(proposed, ReactiveCriterion.ProfessionalJudgement).RuleId);
        Assert.Equal(NominalScenario.Judgement(), proposed.ProfessionalJudgement);
        // R-RM4: proposed is not placed.
        Assert.Equal(ManagementStatus.Active, (await s.GetAsync(nominal.Name)).ManagementStatus);

        var approved = (await s.Reactive.ApproveReactiveDecisionAsync(
            new ApproveReactiveDecisionRequest { Name = proposed.Name, Etag = proposed.Etag }, s.AsSupervisor)).Decision;

        Assert.Equal((ReactiveDecisionState.Approved, NominalScenario.Supervisor), (approved.State, approved.DecidedBy));
        Assert.NotNull(approved.DecideTime);
        var reactive = await s.GetAsync(nominal.Name);
        Assert.Equal(ManagementStatus.Reactive, reactive.ManagementStatus);
        var placed = reactive.StatusHistory[^1];
        Assert.Equal((ManagementStatus.Active, ManagementStatus.Reactive, NominalScenario.Officer, NominalScenario.Supervisor, approved.Name),
            (placed.FromStatus, placed.ToStatus, placed.ProposedBy, placed.ApprovedBy, placed.ReactiveDecision));
        Assert.Equal(NominalScenario.PlacementReasons, placed.PlacementReasons);
        var events = await IntelligenceScenario.EventsForAsync(suite, s, nominal.Name);
        Assert.Contains(events, e => e.Type == NominalEventType.StatusChanged && e.Attributes["status"] == "MANAGEMENT_STATUS_REACTIVE");
    }

    [Fact]
    public async Task R_RM4_neither_the_proposer_nor_the_nominals_MOSOVO_officer_may_approve_whatever_the_case_of_the_id()
    {
        var (s, nominal) = await WomanCautionedIn2015Async();
        var decision = await s.ProposeReactiveAsync(nominal, NominalScenario.Judgement(), s.AsSupervisor);
        var approve = new ApproveReactiveDecisionRequest { Name = decision.Name, Etag = decision.Etag };

        await RpcAssert.RefusedByRuleAsync("R-RM4", "name", () => s.Reactive.ApproveReactiveDecisionAsync(
            approve, suite.As(s.Force, NominalScenario.Supervisor.ToLowerInvariant(), RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.RefusedByRuleAsync("R-RM4", "name", () => s.Reactive.ApproveReactiveDecisionAsync(
            approve, suite.As(s.Force, NominalScenario.Officer.ToLowerInvariant(), RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => s.Reactive.ApproveReactiveDecisionAsync(
            approve, suite.As(s.Force, "PC-OTHER-1", RoleSets.Mosovo)).ResponseAsync);

        var unchanged = (await s.Reactive.GetReactiveDecisionAsync(new GetReactiveDecisionRequest { Name = decision.Name }, s.AsOfficer)).Decision;
        Assert.Equal(ReactiveDecisionState.Proposed, unchanged.State);
        Assert.Equal(ManagementStatus.Active, (await s.GetAsync(nominal.Name)).ManagementStatus);
        var approved = (await s.Reactive.ApproveReactiveDecisionAsync(approve, suite.As(s.Force, "SGT-OTHER-2", RoleSets.Supervisor))).Decision;
        Assert.Equal(ReactiveDecisionState.Approved, approved.State);
    }

    [Fact]
    public async Task R_RM4_only_an_approved_decision_makes_a_nominal_reactive()
    {
        var (s, nominal) = await WomanCautionedIn2015Async();

        await RpcAssert.RefusedByRuleAsync("R-RM4", "status", () => s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest
        {
            Name = nominal.Name, Status = ManagementStatus.Reactive, Reason = "low risk", Etag = nominal.Etag,
        }, s.AsSupervisor).ResponseAsync);
        var decision = await s.ProposeReactiveAsync(nominal, NominalScenario.Judgement());
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Reactive.RejectReactiveDecisionAsync(
            new RejectReactiveDecisionRequest { Name = decision.Name, Etag = decision.Etag }, s.AsSupervisor).ResponseAsync);
        var rejected = (await s.Reactive.RejectReactiveDecisionAsync(
            new RejectReactiveDecisionRequest { Name = decision.Name, Reason = "review the intelligence first (synthetic)", Etag = decision.Etag }, s.AsSupervisor)).Decision;

        Assert.Equal((ReactiveDecisionState.Rejected, "review the intelligence first (synthetic)"), (rejected.State, rejected.RejectionReason));
        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => s.Reactive.ApproveReactiveDecisionAsync(
            new ApproveReactiveDecisionRequest { Name = decision.Name, Etag = rejected.Etag }, s.AsSupervisor).ResponseAsync);
        Assert.Equal("DECISION_NOT_PROPOSED", e.ErrorInfo().Reason);
        Assert.Equal(ManagementStatus.Active, (await s.GetAsync(nominal.Name)).ManagementStatus);
    }

    [Fact]
    public async Task R_RM4_a_proposal_without_reasons_is_invalid_citing_the_rule()
    {
        var (s, nominal) = await WomanCautionedIn2015Async();

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Reactive.ProposeReactiveManagementAsync(
            new ProposeReactiveManagementRequest { Parent = nominal.Name, Decision = new ReactiveDecision { ProfessionalJudgement = NominalScenario.Judgement() } },
            s.AsOfficer).ResponseAsync);

        Assert.Equal(["decision.reasons"], e.ViolatedFields());
        Assert.Equal("R-RM4", e.ErrorInfo().Metadata["rule_id"]);
    }

    [Fact]
    public async Task R_RM2_an_order_in_force_fails_and_one_pending_discharge_is_placed_under_the_exception_recorded_as_such()
    {
        var (s, nominal) = await WomanCautionedIn2015Async();
        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Shpo, StartDate = Date(Today.AddYears(-1)) },
            Etag = nominal.Etag,
        }, s.AsOfficer)).Nominal;
        var order = withOrder.CivilOrders.Single();

        var refused = await s.ProposeReactiveAsync(withOrder, NominalScenario.Judgement());
        var pending = (await s.Client.UpdateCivilOrderAsync(new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = order.Name, PendingDischarge = true },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "pending_discharge" } },
            Etag = withOrder.Etag,
        }, s.AsOfficer)).Nominal;
        var proposed = await s.ProposeReactiveAsync(pending, NominalScenario.Judgement());
        await s.Reactive.ApproveReactiveDecisionAsync(new ApproveReactiveDecisionRequest { Name = proposed.Name, Etag = proposed.Etag }, s.AsSupervisor);

        var inForce = Criterion(refused, ReactiveCriterion.NoSexualCivilOrder);
        Assert.Equal((ReactiveDecisionState.Refused, false, "R-RM1"), (refused.State, inForce.Passed, inForce.RuleId));
        Assert.Equal([order.Name], inForce.Records);
        var excepted = Criterion(proposed, ReactiveCriterion.NoSexualCivilOrder);
        Assert.Equal((ReactiveDecisionState.Proposed, true, "R-RM2", true), (proposed.State, excepted.Passed, excepted.RuleId, proposed.PendingDischargeException));
        var reactive = await s.GetAsync(nominal.Name);
        Assert.Equal(ManagementStatus.Reactive, reactive.ManagementStatus);
        Assert.True(reactive.StatusHistory[^1].PendingDischargeException);
    }

    [Fact]
    public async Task R_AU1_a_nominals_decisions_are_erased_with_it()
    {
        var (s, nominal) = await ActiveAsync(Gender.Male);
        var decision = await s.ProposeReactiveAsync(nominal);

        await s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "erasure test (synthetic)" }, suite.As(s.Force, "ADMIN-1", ["administrator"]));

        Assert.Equal(0, await IntelligenceScenario.CountAsync(suite, "SELECT COUNT(*) FROM reactive_decisions WHERE nominal_id = @id", new { id = IntelligenceScenario.Id(nominal.Name) }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => s.Reactive.GetReactiveDecisionAsync(new GetReactiveDecisionRequest { Name = decision.Name }, s.AsOfficer).ResponseAsync);
    }
}
