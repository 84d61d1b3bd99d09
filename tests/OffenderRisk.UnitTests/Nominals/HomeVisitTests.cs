using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Platform.Errors;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// Home visits called on the domain directly (R-AS9, R-MG7, R-RM5) and the duties of active
/// management on the obligations ledger (R-MG3, R-MR4).
/// </summary>
public sealed class HomeVisitTests
{
    // Friday 27 November 2026, 10:00 UTC (10:00 in London).
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private const string AcuteFactorRecord = "acuteFactorRecords/0190a000-0000-7000-8000-000000000001";

    private static ManagedObligationSchedule Schedule(HomeVisitIntervalDays? days = null, int planDueDays = 28) =>
        new(Options.Create(new NominalRules { HomeVisitIntervalDays = days ?? new HomeVisitIntervalDays(), PlanDueDays = planDueDays }));

    private static NominalRecord Nominal(ManagementStatus status = ManagementStatus.Active, NominalCategory category = NominalCategory.RegisteredSexualOffender,
        RiskLevel? level = null, MappaEntry? mappa = null)
    {
        var n = IntelligenceRulesTests.Nominal("MO-1");
        return n with
        {
            Status = status,
            Details = n.Details with { Category = category },
            Management = n.Management with
            {
                CurrentAssessment = level is { } l ? new AssessedLevelEntry("A-1", AssessmentKind.Arms, l, Today.AddDays(-10)) : null,
                Mappa = mappa,
            },
        };
    }

    private static HomeVisitRecord Planned(NominalRecord? nominal = null) =>
        HomeVisitRecord.Plan("0190a000-0000-7000-8000-0000000000aa", nominal ?? Nominal(), Today, "", "welfare and compliance check (synthetic)", "PC-PLAN", Now);

    private static HomeVisitOutcome Outcome(HomeVisitState state) => new(state, Now, "", state == HomeVisitState.RefusedEntry ? "refused at the door (synthetic)" : "");

    [Fact]
    public void A_visit_planned_without_an_officer_is_the_nominals_MOSOVO_officers()
    {
        var visit = Planned();

        Assert.Equal((HomeVisitState.Planned, "MO-1", "PC-PLAN", 1L), (visit.State, visit.Officer, visit.PlannedBy, visit.Version));
        Assert.Equal($"nominals/{visit.NominalId}/homeVisits/{visit.Id}", visit.ResourceName);
    }

    [Fact]
    public void R_AS9_a_visit_is_not_completed_without_its_acute_factor_record()
    {
        var e = Assert.Throws<RuleViolationException>(() => Planned().Recorded(Outcome(HomeVisitState.Completed), "", "", "", "PC-1"));

        Assert.Equal(("R-AS9", "name"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_AS9_a_completed_visit_keeps_the_name_of_its_acute_factor_record()
    {
        var recorded = Planned().Recorded(Outcome(HomeVisitState.Completed), AcuteFactorRecord, "", "", "PC-1");

        Assert.Equal((HomeVisitState.Completed, AcuteFactorRecord, "PC-1", (DateTimeOffset?)Now),
            (recorded.State, recorded.AcuteFactorRecord, recorded.RecordedBy, recorded.VisitTime));
    }

    [Theory]
    [InlineData(HomeVisitState.RefusedEntry)]
    [InlineData(HomeVisitState.NoAccess)]
    [InlineData(HomeVisitState.Cancelled)]
    public void R_AS9_only_a_completed_visit_needs_an_acute_factor_record(HomeVisitState state)
    {
        Assert.Equal(state, Planned().Recorded(Outcome(state), "", "", "", "PC-1").State);
    }

    [Fact]
    public void An_outcome_is_recorded_once()
    {
        var recorded = Planned().Recorded(Outcome(HomeVisitState.NoAccess), "", "", "", "PC-1");

        var e = Assert.Throws<PreconditionFailedException>(() => recorded.Recorded(Outcome(HomeVisitState.Completed), AcuteFactorRecord, "", "", "PC-1"));

        Assert.Equal(HomeVisitRecord.AlreadyRecordedReason, e.Reason);
    }

    [Theory]
    [InlineData(HomeVisitState.RefusedEntry, NonCooperationKind.RefusedEntry)]
    [InlineData(HomeVisitState.Completed, null)]
    [InlineData(HomeVisitState.NoAccess, null)]
    [InlineData(HomeVisitState.Cancelled, null)]
    public void R_MG7_only_a_refused_entry_is_non_cooperation(HomeVisitState state, NonCooperationKind? expected)
    {
        Assert.Equal(expected, Outcome(state).NonCooperation);
    }

    [Theory]
    [InlineData(RiskLevel.VeryHigh, 30)]
    [InlineData(RiskLevel.High, 60)]
    [InlineData(RiskLevel.Medium, 120)]
    [InlineData(RiskLevel.Low, 180)]
    [InlineData(null, 60)]
    public void R_MR4_a_completed_visit_satisfies_the_open_visit_obligations_as_of_the_visit_and_raises_the_next_by_level(RiskLevel? level, int days)
    {
        const string visit = "nominals/n/homeVisits/v";
        var visitTime = Now.AddDays(-3);

        var change = Nominal(level: level).RecordHomeVisit(visit, visitTime, Schedule());

        Assert.Collection(change.LedgerEntries,
            e =>
            {
                var satisfy = Assert.IsType<SatisfyOpenObligations>(e);
                Assert.Equal([ObligationKind.HomeVisit], satisfy.Kinds);
                Assert.Equal((visit, (DateTimeOffset?)visitTime), (satisfy.SatisfiedBy, satisfy.AsOf));
            },
            e =>
            {
                var raised = Assert.IsType<RaiseObligation>(e);
                Assert.Equal((ObligationKind.HomeVisit, ObligationTriggers.HomeVisit, "home-visit:" + visit, visit),
                    (raised.Kind, raised.Trigger, raised.TriggerKey, raised.TriggerRecord));
                Assert.Equal((Today.AddDays(-3), Today.AddDays(-3 + days)), (raised.TriggerDate, raised.DueDate));
            });
    }

    [Fact]
    public void R_MR4_the_visit_interval_per_level_is_configured()
    {
        var change = Nominal(level: RiskLevel.High).RecordHomeVisit("nominals/n/homeVisits/v", Now, Schedule(new HomeVisitIntervalDays { High = 14 }));

        Assert.Equal(Today.AddDays(14), change.LedgerEntries.OfType<RaiseObligation>().Single().DueDate);
    }

    [Theory]
    [InlineData(ManagementStatus.Reactive)]
    [InlineData(ManagementStatus.Ended)]
    public void R_RM5_a_visit_to_a_nominal_not_actively_managed_raises_no_next_visit(ManagementStatus status)
    {
        var change = Nominal(status).RecordHomeVisit("nominals/n/homeVisits/v", Now, Schedule());

        Assert.IsType<SatisfyOpenObligations>(Assert.Single(change.LedgerEntries));
        Assert.Empty(change.LedgerEntries.OfType<RaiseObligation>());
    }

    [Fact]
    public void R_MG3_a_registered_sexual_offender_becoming_active_owes_a_police_plan_and_a_visit()
    {
        var pending = Nominal(ManagementStatus.Pending, level: RiskLevel.VeryHigh);
        var change = pending.ChangeStatus(ManagementStatus.Active, "allocated", new StaffMember("SGT-1", "XA", true, false), Now);

        Assert.True(NominalRecord.BecameActive(change));
        var raised = change.Nominal.ObligationsOnBecomingActive(Schedule(), Now).Cast<RaiseObligation>().ToList();
        Assert.Equal(
            [
                (ObligationKind.HomeVisit, "MANAGED", "managed:1:home-visit", Today.AddDays(30)),
                (ObligationKind.PolicePlan, "MANAGED", "managed:1:police-plan", Today.AddDays(28)),
            ],
            raised.Select(r => (r.Kind, r.Trigger, r.TriggerKey, r.DueDate)));
        Assert.All(raised, r => Assert.Equal((pending.ResourceName, Today), (r.TriggerRecord, r.TriggerDate)));
    }

    [Fact]
    public void R_MG3_a_nominal_with_a_MAPPA_category_is_MAPPA_eligible_and_one_without_is_not()
    {
        var violent = Nominal(category: NominalCategory.ViolentOffender);
        var mappa = Nominal(category: NominalCategory.ViolentOffender, mappa: new MappaEntry(2, 1, "violent offender (synthetic)", "SGT-1", Now));

        Assert.Equal([ObligationKind.HomeVisit], violent.ObligationsOnBecomingActive(Schedule(), Now).Cast<RaiseObligation>().Select(r => r.Kind));
        Assert.Equal([ObligationKind.HomeVisit, ObligationKind.PolicePlan],
            mappa.ObligationsOnBecomingActive(Schedule(), Now).Cast<RaiseObligation>().Select(r => r.Kind));
    }

    [Fact]
    public void R_MG3_the_police_plan_period_is_configured()
    {
        Assert.Equal(Today.AddDays(10),
            Nominal().ObligationsOnBecomingActive(Schedule(planDueDays: 10), Now).Cast<RaiseObligation>().Single(r => r.Kind == ObligationKind.PolicePlan).DueDate);
    }

    [Fact]
    public void R_RM4_a_return_from_reactive_management_is_becoming_active_and_keyed_to_its_own_status_change()
    {
        var reactive = Nominal(ManagementStatus.Reactive) with
        {
            Management = Nominal().Management with
            {
                StatusHistory =
                [
                    new StatusChangeEntry(ManagementStatus.Pending, ManagementStatus.Active, "r", "SGT-1", Now, StatusChangeTrigger.User, "", "", [], false, ""),
                    new StatusChangeEntry(ManagementStatus.Active, ManagementStatus.Reactive, "r", "SGT-1", Now, StatusChangeTrigger.User, "", "", [], false, ""),
                ],
            },
        };

        var change = reactive.ReturnToActiveIfReactive(StatusChangeTrigger.NewSexualOrder, "nominals/n/civilOrders/o", "PC-1", Now);

        Assert.True(NominalRecord.BecameActive(change));
        Assert.All(change.Nominal.ObligationsOnBecomingActive(Schedule(), Now).Cast<RaiseObligation>(),
            r => Assert.StartsWith("managed:3:", r.TriggerKey, StringComparison.Ordinal));
    }

    [Fact]
    public void R_RM5_a_move_to_reactive_management_waives_the_open_visit_obligations_and_raises_nothing()
    {
        var placed = new NominalChange(Nominal(ManagementStatus.Reactive),
            [new NominalFeedEvent(NominalEventType.StatusChanged, Codes: new Dictionary<string, System.Enum> { ["status"] = ManagementStatus.Reactive, ["previous_status"] = ManagementStatus.Active })]);

        var waive = Assert.IsType<WaiveOpenObligations>(Assert.Single(NominalRecord.ManagementDutiesOf(placed, Schedule(), "SGT-1", Now)));

        Assert.Equal([ObligationKind.HomeVisit], waive.Kinds);
        Assert.Equal("SGT-1", waive.WaivedBy);
        Assert.Contains("R-RM5", waive.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void R_MG3_the_duties_of_a_change_that_made_management_active_are_those_of_becoming_active()
    {
        var change = Nominal(ManagementStatus.Pending).ChangeStatus(ManagementStatus.Active, "allocated", new StaffMember("SGT-1", "XA", true, false), Now);

        Assert.Equal(change.Nominal.ObligationsOnBecomingActive(Schedule(), Now), NominalRecord.ManagementDutiesOf(change, Schedule(), "SGT-1", Now));
        Assert.Empty(NominalRecord.ManagementDutiesOf(Nominal().RecordHomeVisit("nominals/n/homeVisits/v", Now, Schedule()), Schedule(), "SGT-1", Now));
    }

    [Theory]
    [InlineData(ManagementStatus.Active, ManagementStatus.Ended)]
    [InlineData(ManagementStatus.Pending, ManagementStatus.Ended)]
    public void A_change_that_does_not_make_management_active_raises_no_duties(ManagementStatus from, ManagementStatus to)
    {
        var change = Nominal(from).ChangeStatus(to, "ended (synthetic)", new StaffMember("SGT-1", "XA", true, false), Now);

        Assert.False(NominalRecord.BecameActive(change));
        Assert.Empty(change.Nominal.ObligationsOnBecomingActive(Schedule(), Now));
        Assert.False(NominalRecord.BecameActive(Nominal().RecordNonCooperation(NonCooperationKind.RefusedEntry, "nominals/n/nonCooperation/x")));
    }

    [Theory]
    [InlineData(0, 120, 60, 30, 60, 28)]
    [InlineData(180, 120, 60, 30, 731, 28)]
    [InlineData(180, 120, 60, 30, 60, 0)]
    public void Visit_intervals_and_the_plan_period_out_of_range_are_refused_at_start_up(int low, int medium, int high, int veryHigh, int unassessed, int planDays)
    {
        var rules = new NominalRules
        {
            HomeVisitIntervalDays = new HomeVisitIntervalDays { Low = low, Medium = medium, High = high, VeryHigh = veryHigh, Unassessed = unassessed },
            PlanDueDays = planDays,
        };

        Assert.NotNull(rules.Problem());
        Assert.Null(new NominalRules().Problem());
    }

    private static Contract.RecordHomeVisitOutcomeRequest Request(Contract.HomeVisitState outcome, string note = "", Timestamp? time = null) => new()
    {
        Name = "nominals/0190a000-0000-7000-8000-000000000001/homeVisits/0190a000-0000-7000-8000-000000000002",
        Outcome = outcome,
        VisitTime = time,
        OutcomeNote = note,
        Etag = "\"1\"",
    };

    [Fact]
    public void R_MG7_a_refused_entry_needs_what_happened_at_the_door()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            HomeVisitValidation.ValidateOutcome(Request(Contract.HomeVisitState.RefusedEntry, time: Timestamp.FromDateTimeOffset(Now)), Now));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("outcome_note", "R-MG7"), (problem.Field, problem.RuleId));
    }

    [Theory]
    [InlineData(Contract.HomeVisitState.Planned, "outcome")]
    [InlineData(Contract.HomeVisitState.Unspecified, "outcome")]
    [InlineData(Contract.HomeVisitState.Completed, "visit_time")]
    public void An_outcome_must_be_one_and_say_when_it_took_place(Contract.HomeVisitState outcome, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => HomeVisitValidation.ValidateOutcome(Request(outcome), Now));

        Assert.Contains(field, e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_visit_time_in_the_future_is_refused_and_a_cancelled_visit_needs_none()
    {
        var future = Assert.Throws<ValidationFailedException>(() =>
            HomeVisitValidation.ValidateOutcome(Request(Contract.HomeVisitState.NoAccess, time: Timestamp.FromDateTimeOffset(Now.AddHours(1))), Now));
        var (cancelled, etag) = HomeVisitValidation.ValidateOutcome(Request(Contract.HomeVisitState.Cancelled, "officer called away (synthetic)"), Now);

        Assert.Equal(["visit_time"], future.Problems.Select(p => p.Field));
        Assert.Equal((HomeVisitState.Cancelled, (DateTimeOffset?)null, 1L), (cancelled.State, cancelled.VisitTime, etag));
    }
}
