using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The reactive management criteria (R-RM1, R-RM2, R-RM3, R-RM7) evaluated from the nominal's
/// records, its significant changes and the day, and the decision's proposal and approval (R-RM4,
/// R-RM5), called on the domain directly. Today is Friday 27 November 2026: the window without
/// custody starts on 27 November 2023.
/// </summary>
public sealed class ReactiveCriteriaTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateOnly WindowWithoutCustody = new(2023, 11, 27);

    internal const string Officer = "MO-1";
    internal const string Proposer = "PC-PROPOSER";
    internal static readonly StaffMember Supervisor = new("SGT-APPROVER", "XA", IsSupervisor: true, IsMosovoOfficer: false);

    private static readonly ProfessionalJudgement Judgement = new("offence- and concern-free for three years (synthetic)",
        [new ConsideredAssessment(ConsideredAssessmentKind.Psr, "DOC/PSR/0001", new DateOnly(2022, 3, 1))]);

    internal static AssessedLevelEntry Assessed(string id, RiskLevel level, DateOnly countersigned, AssessmentKind kind = AssessmentKind.Arms) =>
        new(id, kind, level, countersigned);

    /// <summary>
    /// A male registered sexual offender under active management, police-led, with an ARMS LOW in
    /// force since 2022 and another LOW in 2025: every criterion passes.
    /// </summary>
    internal static NominalRecord Eligible() => With(ManagementStatusTests.Eligible(),
        Assessed("arms-2022", RiskLevel.Low, new DateOnly(2022, 6, 1)), Assessed("arms-2025", RiskLevel.Low, new DateOnly(2025, 6, 1)));

    internal static NominalRecord With(NominalRecord n, params AssessedLevelEntry[] assessments) =>
        n with { Management = n.Management with { AssessmentHistory = assessments, CurrentAssessment = assessments.LastOrDefault() } };

    private static NominalRecord Female(NominalRecord n) => n with { Details = n.Details with { Gender = Gender.Female } };

    private static NominalRecord WithEvents(NominalRecord n, params QualifyingEventRecord[] events) =>
        n with { Management = n.Management with { OffenceHistory = events } };

    private static QualifyingEventRecord Event(string id, OffenceClass offence, DateOnly relevant, Disposal disposal = Disposal.Caution,
        DateOnly? sentenced = null, DateOnly? released = null) =>
        new(id, disposal == Disposal.Caution ? QualifyingEventKind.Caution : QualifyingEventKind.Conviction, relevant, offence, "synthetic offence",
            disposal, null, sentenced, released, "PC-REC", Now);

    private static NominalRecord WithOrder(NominalRecord n, CivilOrderType type, bool pendingDischarge, DateOnly? end = null) =>
        n with { Management = n.Management with { CivilOrders = [new CivilOrderRecord("order-1", type, "", Today.AddYears(-1), end, pendingDischarge)] } };

    private static CriterionResult Criterion(ReactiveEvaluation e, ReactiveCriterion c) => Assert.Single(e.Criteria, x => x.Criterion == c);

    private static ReactiveEvaluation Evaluate(NominalRecord n, IReadOnlyList<SignificantChangeConcern>? concerns = null, ProfessionalJudgement? judgement = null) =>
        ReactiveCriteria.Evaluate(n, concerns ?? [], judgement, Today);

    /// <summary>A decision proposed by <paramref name="proposer"/> for <paramref name="n"/> today.</summary>
    internal static ReactiveDecisionRecord Proposed(NominalRecord n, string proposer = Proposer, ProfessionalJudgement? judgement = null) =>
        ReactiveDecisionRecord.Propose(Guid.CreateVersion7(Now).ToString("D"), n, ["assessed low for three years (synthetic)"], judgement, [], proposer, Now);

    // ---- The window (R-RM1: the last three years in the community) ----

    [Fact]
    public void R_RM1_without_custody_the_window_is_the_three_years_before_the_day()
    {
        Assert.Equal(WindowWithoutCustody, ReactiveCriteria.WindowStart(Eligible(), Today));
    }

    [Fact]
    public void R_RM1_each_day_in_custody_in_the_window_extends_it_a_day_back_including_custody_the_extension_reaches()
    {
        // 182 days in custody in the three years, and 92 more in a period the extension reaches back into.
        var n = WithEvents(Eligible(),
            Event("late", OffenceClass.Other, new DateOnly(2023, 12, 1), Disposal.Custody, new DateOnly(2024, 1, 1), new DateOnly(2024, 7, 1)),
            Event("early", OffenceClass.Other, new DateOnly(2023, 4, 1), Disposal.Custody, new DateOnly(2023, 5, 1), new DateOnly(2023, 8, 1)));

        var start = ReactiveCriteria.WindowStart(n, Today);

        Assert.Equal(WindowWithoutCustody.AddDays(-(182 + 92)), start);
        Assert.Equal(new DateOnly(2023, 2, 26), start);
    }

    [Fact]
    public void R_RM1_custody_before_the_extended_window_or_a_community_disposal_does_not_extend_it()
    {
        var n = WithEvents(Eligible(),
            Event("old", OffenceClass.Other, new DateOnly(2010, 1, 1), Disposal.Custody, new DateOnly(2010, 2, 1), new DateOnly(2011, 2, 1)),
            Event("community", OffenceClass.Other, new DateOnly(2024, 1, 1), Disposal.CommunityOrder, new DateOnly(2024, 2, 1)));

        Assert.Equal(WindowWithoutCustody, ReactiveCriteria.WindowStart(n, Today));
    }

    [Fact]
    public void R_RM1_a_hospital_order_without_a_release_counts_as_detention_to_the_day()
    {
        var n = WithEvents(Eligible(), Event("h", OffenceClass.Other, new DateOnly(2026, 1, 1), Disposal.HospitalOrder, new DateOnly(2026, 11, 1)));

        Assert.Equal(WindowWithoutCustody.AddDays(-26), ReactiveCriteria.WindowStart(n, Today));
    }

    // ---- LOW_THROUGHOUT ----

    [Fact]
    public void R_RM1_low_throughout_passes_on_the_assessment_in_force_at_the_window_start_and_every_one_since()
    {
        var n = With(ManagementStatusTests.Eligible(),
            Assessed("old-medium", RiskLevel.Medium, new DateOnly(2020, 1, 1)),
            Assessed("in-force", RiskLevel.Low, new DateOnly(2023, 1, 1)),
            Assessed("rosh", RiskLevel.Low, new DateOnly(2025, 1, 1), AssessmentKind.RiskOfSeriousHarm));

        var low = Criterion(Evaluate(n), ReactiveCriterion.LowThroughout);

        Assert.True(low.Passed, low.Reason);
        Assert.Equal("R-RM1", low.RuleId);
        Assert.Equal(["assessments/in-force", "assessments/rosh"], low.Records);
    }

    [Fact]
    public void R_RM1_low_throughout_fails_without_an_assessment_in_force_at_the_window_start()
    {
        var n = With(ManagementStatusTests.Eligible(), Assessed("recent", RiskLevel.Low, new DateOnly(2024, 1, 1)));

        var low = Criterion(Evaluate(n), ReactiveCriterion.LowThroughout);

        Assert.False(low.Passed);
        Assert.Contains("2023-11-27", low.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2023, 1, 1)]
    [InlineData(2025, 1, 1)]
    public void R_RM1_low_throughout_fails_when_the_one_in_force_at_the_start_or_one_since_is_not_low(int y, int m, int d)
    {
        var n = With(ManagementStatusTests.Eligible(),
            Assessed("at-start", RiskLevel.Low, new DateOnly(2022, 1, 1)),
            Assessed("medium", RiskLevel.Medium, new DateOnly(y, m, d)),
            Assessed("latest", RiskLevel.Low, new DateOnly(2026, 1, 1)));

        var low = Criterion(Evaluate(n), ReactiveCriterion.LowThroughout);

        Assert.False(low.Passed);
        Assert.Contains("assessments/medium", low.Records);
        Assert.Contains("MEDIUM", low.Reason, StringComparison.Ordinal);
    }

    // ---- CURRENT_ARMS_LOW ----

    [Fact]
    public void R_RM1_the_current_ARMS_is_the_latest_countersigned_ARMS_and_must_be_low()
    {
        var medium = With(ManagementStatusTests.Eligible(),
            Assessed("arms-low", RiskLevel.Low, new DateOnly(2022, 1, 1)),
            Assessed("arms-medium", RiskLevel.Medium, new DateOnly(2026, 1, 1)),
            Assessed("rosh-low", RiskLevel.Low, new DateOnly(2026, 6, 1), AssessmentKind.RiskOfSeriousHarm));

        var failed = Criterion(Evaluate(medium), ReactiveCriterion.CurrentArmsLow);
        var passed = Criterion(Evaluate(Eligible()), ReactiveCriterion.CurrentArmsLow);
        var none = Criterion(Evaluate(ManagementStatusTests.Eligible()), ReactiveCriterion.CurrentArmsLow);

        Assert.False(failed.Passed);
        Assert.Equal(["assessments/arms-medium"], failed.Records);
        Assert.True(passed.Passed);
        Assert.Equal(["assessments/arms-2025"], passed.Records);
        Assert.False(none.Passed);
    }

    // ---- NO_FURTHER_OFFENCE_OR_CONCERN, R-RM7 ----

    [Fact]
    public void R_RM1_every_criterion_passes_for_a_nominal_low_throughout_without_offence_or_concern()
    {
        var e = Evaluate(WithEvents(Eligible(), Event("2015", OffenceClass.Sexual, new DateOnly(2015, 3, 1))));

        Assert.True(e.Passed, string.Join("; ", e.Criteria.Where(c => !c.Passed).Select(c => c.Reason)));
        Assert.Equal(
            [ReactiveCriterion.RegisteredSexualOffender, ReactiveCriterion.PoliceLead, ReactiveCriterion.LowThroughout,
             ReactiveCriterion.NoFurtherOffenceOrConcern, ReactiveCriterion.CurrentArmsLow, ReactiveCriterion.NoSexualCivilOrder],
            e.Criteria.Select(c => c.Criterion));
        Assert.False(e.ReturnAfterSignificantChange);
    }

    [Theory]
    [InlineData(OffenceClass.Sexual)]
    [InlineData(OffenceClass.Violent)]
    public void R_RM7_a_further_sexual_or_violent_offence_in_the_window_fails_and_restarts_the_clock(OffenceClass offence)
    {
        var n = WithEvents(Eligible(), Event("further", offence, new DateOnly(2025, 2, 1)));

        var further = Criterion(Evaluate(n), ReactiveCriterion.NoFurtherOffenceOrConcern);
        // Three years after it, the clock has run again.
        var later = ReactiveCriteria.Evaluate(n, [], null, new DateOnly(2028, 2, 2));

        Assert.False(further.Passed);
        Assert.Equal([QualifyingEventNames.Format(n.Id, "further")], further.Records);
        Assert.True(Criterion(later, ReactiveCriterion.NoFurtherOffenceOrConcern).Passed);
    }

    [Fact]
    public void R_RM1_a_non_sexual_non_violent_offence_in_the_window_is_not_a_further_offence()
    {
        var n = WithEvents(Eligible(), Event("other", OffenceClass.Other, new DateOnly(2025, 2, 1)));

        Assert.True(Criterion(Evaluate(n), ReactiveCriterion.NoFurtherOffenceOrConcern).Passed);
    }

    [Fact]
    public void R_RM1_a_significant_change_in_the_window_fails_without_an_earlier_placement()
    {
        var concern = new SignificantChangeConcern("nominals/n/intelligence/i-1", new DateOnly(2026, 3, 1));

        var result = Criterion(Evaluate(Eligible(), [concern]), ReactiveCriterion.NoFurtherOffenceOrConcern);
        var before = Criterion(Evaluate(Eligible(), [concern with { AroseOn = WindowWithoutCustody.AddDays(-1) }]), ReactiveCriterion.NoFurtherOffenceOrConcern);

        Assert.False(result.Passed);
        Assert.Equal([concern.Intelligence], result.Records);
        Assert.True(before.Passed);
    }

    /// <summary>Placed on reactive management on <paramref name="placedOn"/>, and returned to active since.</summary>
    private static NominalRecord PlacedBefore(NominalRecord n, DateOnly placedOn)
    {
        var at = new DateTimeOffset(placedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        StatusChangeEntry[] history =
        [
            new(ManagementStatus.Active, ManagementStatus.Reactive, "placed", Supervisor.UserId, at, StatusChangeTrigger.User, Proposer,
                Supervisor.UserId, ["low (synthetic)"], false, "", "nominals/n/reactiveDecisions/first"),
            new(ManagementStatus.Reactive, ManagementStatus.Active, "significant change", Officer, at.AddDays(400), StatusChangeTrigger.User, "", "", [], false, ""),
        ];
        return n with { Management = n.Management with { StatusHistory = history } };
    }

    [Fact]
    public void R_RM7_placed_before_a_significant_change_and_assessed_low_since_it_returns_without_a_new_wait()
    {
        var concern = new SignificantChangeConcern("nominals/n/intelligence/i-1", new DateOnly(2026, 3, 1));
        var n = With(PlacedBefore(ManagementStatusTests.Eligible(), new DateOnly(2025, 1, 10)),
            Assessed("arms-2022", RiskLevel.Low, new DateOnly(2022, 6, 1)), Assessed("arms-after", RiskLevel.Low, new DateOnly(2026, 6, 1)));

        var e = Evaluate(n, [concern]);

        var result = Criterion(e, ReactiveCriterion.NoFurtherOffenceOrConcern);
        Assert.True(result.Passed, result.Reason);
        Assert.Equal("R-RM7", result.RuleId);
        Assert.Equal([concern.Intelligence, "nominals/n/reactiveDecisions/first", "assessments/arms-after"], result.Records);
        Assert.True(e.Passed);
        Assert.True(e.ReturnAfterSignificantChange);
    }

    [Fact]
    public void R_RM7_assessed_above_low_since_the_significant_change_fails()
    {
        var concern = new SignificantChangeConcern("nominals/n/intelligence/i-1", new DateOnly(2026, 3, 1));
        var n = With(PlacedBefore(ManagementStatusTests.Eligible(), new DateOnly(2025, 1, 10)),
            Assessed("arms-2022", RiskLevel.Low, new DateOnly(2022, 6, 1)), Assessed("arms-after", RiskLevel.Medium, new DateOnly(2026, 6, 1)));

        var result = Criterion(Evaluate(n, [concern]), ReactiveCriterion.NoFurtherOffenceOrConcern);

        Assert.False(result.Passed);
        Assert.Equal("R-RM7", result.RuleId);
    }

    [Fact]
    public void R_RM7_without_an_assessment_since_the_significant_change_it_fails()
    {
        var concern = new SignificantChangeConcern("nominals/n/intelligence/i-1", new DateOnly(2026, 3, 1));
        var n = With(PlacedBefore(ManagementStatusTests.Eligible(), new DateOnly(2025, 1, 10)), Assessed("arms-2022", RiskLevel.Low, new DateOnly(2022, 6, 1)));

        Assert.False(Criterion(Evaluate(n, [concern]), ReactiveCriterion.NoFurtherOffenceOrConcern).Passed);
    }

    [Fact]
    public void R_RM7_a_placement_before_a_further_sexual_offence_does_not_count_the_offence_restarted_the_clock()
    {
        var concern = new SignificantChangeConcern("nominals/n/intelligence/i-1", new DateOnly(2026, 3, 1));
        var placedThenOffended = WithEvents(
            With(PlacedBefore(ManagementStatusTests.Eligible(), new DateOnly(2021, 1, 10)),
                Assessed("arms-2022", RiskLevel.Low, new DateOnly(2022, 6, 1)), Assessed("arms-after", RiskLevel.Low, new DateOnly(2026, 6, 1))),
            Event("further", OffenceClass.Sexual, new DateOnly(2022, 1, 1)));

        var result = Criterion(Evaluate(placedThenOffended, [concern]), ReactiveCriterion.NoFurtherOffenceOrConcern);

        Assert.False(result.Passed);
    }

    // ---- The nominal's own criteria (moved from the old placement checks) ----

    [Theory]
    [InlineData(NominalCategory.ViolentOffender)]
    [InlineData(NominalCategory.PotentiallyDangerousPerson)]
    public void R_RM1_reactive_management_is_for_registered_sexual_offenders(NominalCategory category)
    {
        var other = Eligible() with { Details = Eligible().Details with { Category = category } };

        Assert.False(Criterion(Evaluate(other), ReactiveCriterion.RegisteredSexualOffender).Passed);
        Assert.True(Criterion(Evaluate(Eligible()), ReactiveCriterion.RegisteredSexualOffender).Passed);
    }

    [Theory]
    [InlineData(LeadAgency.Unspecified, "not merely left unset")]
    [InlineData(LeadAgency.Probation, "not HMPPS supervision or licence")]
    [InlineData(LeadAgency.Prison, "not HMPPS supervision or licence")]
    public void R_RM1_the_lead_agency_must_have_been_set_to_police(LeadAgency agency, string why)
    {
        var notPolice = Eligible() with { Management = Eligible().Management with { LeadAgency = agency } };

        var lead = Criterion(Evaluate(notPolice), ReactiveCriterion.PoliceLead);

        Assert.False(lead.Passed);
        Assert.Contains(why, lead.Reason, StringComparison.Ordinal);
        Assert.Equal([notPolice.ResourceName], lead.Records);
    }

    [Theory]
    [InlineData(CivilOrderType.Shpo)]
    [InlineData(CivilOrderType.Sro)]
    public void R_RM1_a_sexual_civil_order_in_force_fails(CivilOrderType type)
    {
        var n = WithOrder(Eligible(), type, pendingDischarge: false);

        var orders = Criterion(Evaluate(n), ReactiveCriterion.NoSexualCivilOrder);

        Assert.False(orders.Passed);
        Assert.Equal([CivilOrderNames.Format(n.Id, "order-1")], orders.Records);
    }

    [Fact]
    public void R_RM1_an_order_that_has_ended_or_is_not_sexual_passes()
    {
        Assert.True(Evaluate(WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: false, end: Today.AddDays(-1))).Passed);
        Assert.True(Evaluate(WithOrder(Eligible(), CivilOrderType.Other, pendingDischarge: false)).Passed);
    }

    [Fact]
    public void R_RM2_an_order_pending_discharge_passes_under_the_exception_recorded_as_such()
    {
        var e = Evaluate(WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: true));

        var orders = Criterion(e, ReactiveCriterion.NoSexualCivilOrder);
        Assert.Equal((true, "R-RM2"), (orders.Passed, orders.RuleId));
        Assert.True(e.PendingDischargeException);
    }

    // ---- R-RM3: a female offender on professional judgement ----

    [Fact]
    public void R_RM3_a_female_offender_is_placed_on_professional_judgement_in_place_of_the_ARMS_criteria()
    {
        var woman = Female(ManagementStatusTests.Eligible());

        var without = Evaluate(woman);
        var with = Evaluate(woman, judgement: Judgement);

        Assert.Equal(
            [ReactiveCriterion.RegisteredSexualOffender, ReactiveCriterion.PoliceLead, ReactiveCriterion.NoFurtherOffenceOrConcern,
             ReactiveCriterion.NoSexualCivilOrder, ReactiveCriterion.ProfessionalJudgement],
            with.Criteria.Select(c => c.Criterion));
        Assert.False(Criterion(without, ReactiveCriterion.ProfessionalJudgement).Passed);
        var judged = Criterion(with, ReactiveCriterion.ProfessionalJudgement);
        Assert.Equal((true, "R-RM3"), (judged.Passed, judged.RuleId));
        Assert.Contains("PSR of 2022-03-01", judged.Reason, StringComparison.Ordinal);
        Assert.True(with.Passed);
    }

    [Fact]
    public void R_RM3_professional_judgement_does_not_excuse_a_further_offence()
    {
        var woman = WithEvents(Female(ManagementStatusTests.Eligible()), Event("further", OffenceClass.Sexual, new DateOnly(2024, 6, 1)));

        Assert.False(Evaluate(woman, judgement: Judgement).Passed);
    }

    // ---- The decision: proposal (R-RM1, R-RM3) and approval (R-RM4, R-RM5) ----

    [Fact]
    public void R_RM1_a_proposal_with_a_failing_criterion_is_kept_as_refused_and_one_that_passes_waits_for_a_supervisor()
    {
        var refused = Proposed(ManagementStatusTests.Eligible());
        var proposed = Proposed(Eligible());

        Assert.Equal(ReactiveDecisionState.Refused, refused.State);
        Assert.Contains(refused.Criteria, c => c is { Criterion: ReactiveCriterion.LowThroughout, Passed: false });
        Assert.Equal(ReactiveDecisionState.Proposed, proposed.State);
        Assert.Equal(WindowWithoutCustody, proposed.WindowStart);
    }

    [Theory]
    [InlineData(ManagementStatus.Pending)]
    [InlineData(ManagementStatus.Reactive)]
    [InlineData(ManagementStatus.Ended)]
    public void R_RM1_only_a_nominal_under_active_management_is_proposed(ManagementStatus status)
    {
        var e = Assert.Throws<RuleViolationException>(() => Proposed(Eligible() with { Status = status }));

        Assert.Equal("R-RM1", e.RuleId);
    }

    [Fact]
    public void R_RM3_a_professional_judgement_for_a_male_offender_is_refused()
    {
        var e = Assert.Throws<RuleViolationException>(() => Proposed(Eligible(), judgement: Judgement));

        Assert.Equal(("R-RM3", "decision.professional_judgement"), (e.RuleId, e.Field));
    }

    [Theory]
    [InlineData(Proposer)]
    [InlineData("pc-proposer")]
    public void R_RM4_the_proposer_cannot_approve_whatever_the_case_of_the_id(string approver)
    {
        var decision = Proposed(Eligible());

        var e = Assert.Throws<RuleViolationException>(() => decision.Approve(Eligible(), [], Supervisor with { UserId = approver }, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Theory]
    [InlineData("SGT-APPROVER")]
    [InlineData("Sgt-Approver")]
    public void R_RM4_the_nominals_MOSOVO_officer_cannot_approve_whatever_the_case_of_the_id(string officer)
    {
        var managedBySupervisor = Eligible() with { Management = Eligible().Management with { MosovoOfficer = officer } };

        var e = Assert.Throws<RuleViolationException>(() => Proposed(managedBySupervisor).Approve(managedBySupervisor, [], Supervisor, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Fact]
    public void R_RM4_approval_needs_a_supervisor()
    {
        var officer = new StaffMember("PC-OTHER", "XA", IsSupervisor: false, IsMosovoOfficer: true);

        var e = Assert.Throws<RuleViolationException>(() => Proposed(Eligible()).Approve(Eligible(), [], officer, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Fact]
    public void R_RM4_approval_evaluates_the_criteria_again_and_a_failing_one_refuses_it_citing_its_rule()
    {
        var decision = Proposed(Eligible());
        var sinceThen = WithOrder(Eligible(), CivilOrderType.Sro, pendingDischarge: false);

        var e = Assert.Throws<RuleViolationException>(() => decision.Approve(sinceThen, [], Supervisor, Now));

        Assert.Equal("R-RM1", e.RuleId);
        Assert.Contains("NO_SEXUAL_CIVIL_ORDER", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R_RM4_only_a_proposed_decision_is_approved()
    {
        var refused = Proposed(ManagementStatusTests.Eligible());

        var e = Assert.Throws<PreconditionFailedException>(() => refused.Approve(Eligible(), [], Supervisor, Now));

        Assert.Equal("DECISION_NOT_PROPOSED", e.Reason);
    }

    [Fact]
    public void R_RM4_R_RM5_an_approved_decision_places_the_nominal_keeping_its_reasons_and_waives_visits_and_ARMS_reviews()
    {
        var nominal = WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: true);
        var decision = Proposed(nominal);

        var (approved, placement) = decision.Approve(nominal, [], Supervisor, Now.AddDays(1));

        Assert.Equal((ReactiveDecisionState.Approved, Supervisor.UserId, (DateTimeOffset?)Now.AddDays(1)), (approved.State, approved.DecidedBy, approved.DecideTime));
        Assert.True(approved.PendingDischargeException);
        Assert.Equal(ManagementStatus.Reactive, placement.Nominal.Status);
        var entry = Assert.Single(placement.Nominal.Management.StatusHistory);
        Assert.Equal((ManagementStatus.Active, ManagementStatus.Reactive, Proposer, Supervisor.UserId, Supervisor.UserId, true, approved.ResourceName),
            (entry.FromStatus, entry.ToStatus, entry.ProposedBy, entry.ApprovedBy, entry.ChangedBy, entry.PendingDischargeException, entry.ReactiveDecision));
        Assert.Equal(decision.Reasons, entry.PlacementReasons);
        Assert.Equal(NominalEventType.StatusChanged, Assert.Single(placement.Events).Type);
        var waivers = placement.LedgerEntries.Cast<WaiveOpenObligations>().ToList();
        Assert.Equal(2, waivers.Count);
        Assert.Contains(waivers, w => w.Kinds.SequenceEqual([ObligationKind.HomeVisit]) && w.Trigger is null);
        Assert.Contains(waivers, w => w.Kinds.SequenceEqual([ObligationKind.Arms]) && w.Trigger == ObligationTriggers.AssessmentReview);
        Assert.All(waivers, w => Assert.Contains("R-RM5", w.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void R_AU3_a_rejected_decision_keeps_its_reason_and_cannot_be_approved()
    {
        var rejected = Proposed(Eligible()).Reject(" not yet (synthetic) ", Supervisor.UserId, Now);

        Assert.Equal((ReactiveDecisionState.Rejected, "not yet (synthetic)"), (rejected.State, rejected.RejectionReason));
        Assert.Throws<PreconditionFailedException>(() => rejected.Approve(Eligible(), [], Supervisor, Now));
    }

    [Fact]
    public void R_RM5_no_ARMS_review_is_raised_for_a_countersigned_ARMS_while_the_nominal_is_reactive()
    {
        var reviews = new AssessmentReviewSchedule(Options.Create(new NominalRules()));
        var arms = new CountersignedAssessment("arms-new", AssessmentKind.Arms, RiskLevel.Low, Today, RiskToChildrenConclusion.Unspecified, Now);

        var reactive = (Eligible() with { Status = ManagementStatus.Reactive }).RecordCountersignedAssessment(arms, reviews);
        var active = Eligible().RecordCountersignedAssessment(arms, reviews);

        Assert.DoesNotContain(reactive.LedgerEntries, l => l is RaiseObligation);
        Assert.Contains(active.LedgerEntries, l => l is RaiseObligation { Trigger: ObligationTriggers.AssessmentReview });
    }
}
