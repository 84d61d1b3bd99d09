using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// What the interventions feed's plans and breaches do to the nominal and its ledger (R-MG3, R-MG4,
/// R-MG5, R-MG10, R-MR4), and the records that satisfy the new obligation kinds (R-MR4).
/// </summary>
public sealed class PlanObligationTests
{
    private static readonly DateTimeOffset Countersigned = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private const string PlanV1 = "019a0000-0000-7000-8000-0000000000a1";
    private const string PlanV2 = "019a0000-0000-7000-8000-0000000000a2";
    private const string System = "system:nominals-intervention-feed";

    private static NominalRecord Nominal() => IntelligenceRulesTests.Nominal("MO-1");

    private static CountersignedPlan Plan(string id, int version, PlanKind kind, params PlanActionDue[] actions) =>
        new(id, kind, version, Today, Countersigned, actions);

    private static PlanActionDue Open(string id, int inDays) => new(id, Today.AddDays(inDays), false);

    private static PlanActionDue Done(string id, int inDays) => new(id, Today.AddDays(inDays), true);

    [Theory]
    [InlineData(PlanKind.Police, ObligationKind.PolicePlan)]
    [InlineData(PlanKind.Mappa, ObligationKind.MappaPlan)]
    public void R_MG3_R_MG5_a_countersigned_plan_satisfies_the_open_plan_obligations_of_its_kind_as_of_its_countersigning(PlanKind kind, ObligationKind obligation)
    {
        var change = Nominal().RecordCountersignedPlan(Plan(PlanV1, 1, kind, Open("visit", 10)), System);

        var satisfy = Assert.IsType<SatisfyOpenObligations>(change.LedgerEntries[0]);
        Assert.Equal([obligation], satisfy.Kinds);
        Assert.Equal(("plans/" + PlanV1, (DateTimeOffset?)Countersigned, (string?)null), (satisfy.SatisfiedBy, satisfy.AsOf, satisfy.TriggerKeyPrefix));
        Assert.Equal(new KnownPlan(kind, PlanV1, 1, Today), Assert.Single(change.Nominal.Management.Plans));
    }

    [Fact]
    public void R_MG4_each_open_action_is_an_obligation_due_on_its_date_named_by_kind_action_and_date()
    {
        var change = Nominal().RecordCountersignedPlan(Plan(PlanV1, 1, PlanKind.Police, Open("visit", 10), Open("curfew-check", 20)), System);

        var raised = change.LedgerEntries.OfType<RaiseObligation>().ToList();
        Assert.Equal(2, raised.Count);
        var visit = raised.Single(r => r.TriggerRecord.EndsWith("/visit", StringComparison.Ordinal));
        Assert.Equal((ObligationKind.PlanAction, ObligationTriggers.PlanAction, "plan-action:police:visit:2026-12-10", $"plans/{PlanV1}/actions/visit", Today, Today.AddDays(10)),
            (visit.Kind, visit.Trigger, visit.TriggerKey, visit.TriggerRecord, visit.TriggerDate, visit.DueDate));
    }

    [Fact]
    public void R_MR4_a_new_version_waives_the_action_obligations_it_no_longer_has_at_their_date_and_keeps_the_others()
    {
        var v1 = Nominal().RecordCountersignedPlan(Plan(PlanV1, 1, PlanKind.Mappa, Open("visit", 10), Open("dropped", 5)), System).Nominal;

        var change = v1.RecordCountersignedPlan(Plan(PlanV2, 2, PlanKind.Mappa, Open("visit", 10), Open("moved", 40)), System);

        var waive = Assert.Single(change.LedgerEntries.OfType<WaiveOpenObligations>());
        Assert.Equal([ObligationKind.PlanAction], waive.Kinds);
        Assert.Equal(($"replaced by plans/{PlanV2} version 2", System, ObligationTriggers.PlanAction, "plan-action:mappa:"),
            (waive.Reason, waive.WaivedBy, waive.Trigger, waive.TriggerKeyPrefix));
        // Kept: the action carried over at the same date (its obligation stays), and the one just raised.
        Assert.Equal(["plan-action:mappa:moved:2027-01-09", "plan-action:mappa:visit:2026-12-10"], waive.ExceptKeys!.Order());
        Assert.Equal(new KnownPlan(PlanKind.Mappa, PlanV2, 2, Today), Assert.Single(change.Nominal.Management.Plans));
    }

    [Fact]
    public void R_MG4_a_completed_action_satisfies_its_open_obligations_before_anything_is_waived()
    {
        var change = Nominal().RecordCountersignedPlan(Plan(PlanV2, 2, PlanKind.Police, Done("visit", -3), Open("other", 3)), System);

        var entries = change.LedgerEntries.ToList();
        var satisfy = entries.OfType<SatisfyOpenObligations>().Single(s => s.Kinds.Contains(ObligationKind.PlanAction));
        Assert.Equal(($"plans/{PlanV2}/actions/visit", "plan-action:police:visit:"), (satisfy.SatisfiedBy, satisfy.TriggerKeyPrefix));
        Assert.True(entries.IndexOf(satisfy) < entries.FindIndex(e => e is WaiveOpenObligations));
        Assert.DoesNotContain(entries.OfType<RaiseObligation>(), r => r.TriggerRecord.EndsWith("/visit", StringComparison.Ordinal));
    }

    [Fact]
    public void R_MR4_a_replayed_or_older_version_changes_nothing()
    {
        var v2 = Nominal().RecordCountersignedPlan(Plan(PlanV2, 2, PlanKind.Police, Open("visit", 10)), System).Nominal;

        var replay = v2.RecordCountersignedPlan(Plan(PlanV2, 2, PlanKind.Police, Open("visit", 10)), System);
        var older = v2.RecordCountersignedPlan(Plan(PlanV1, 1, PlanKind.Police, Open("visit", 5)), System);

        Assert.Same(v2, replay.Nominal);
        Assert.Empty(replay.LedgerEntries);
        Assert.Same(v2, older.Nominal);
        Assert.Empty(older.LedgerEntries);
    }

    [Fact]
    public void The_plans_of_each_kind_are_kept_apart()
    {
        var police = Nominal().RecordCountersignedPlan(Plan(PlanV1, 3, PlanKind.Police), System).Nominal;

        var both = police.RecordCountersignedPlan(Plan(PlanV2, 1, PlanKind.Mappa), System);

        Assert.Equal([PlanKind.Police, PlanKind.Mappa], both.Nominal.Management.Plans.Select(p => p.Kind));
    }

    [Fact]
    public void R_MG4_a_completed_action_satisfies_that_actions_open_obligations_as_of_its_recording()
    {
        var n = Nominal();

        var change = n.RecordPlanActionCompleted(new CompletedPlanAction(PlanV1, PlanKind.Mappa, "visit", Today, Countersigned));

        Assert.Same(n, change.Nominal);
        var satisfy = Assert.IsType<SatisfyOpenObligations>(Assert.Single(change.LedgerEntries));
        Assert.Equal([ObligationKind.PlanAction], satisfy.Kinds);
        Assert.Equal(($"plans/{PlanV1}/actions/visit", (DateTimeOffset?)Countersigned, "plan-action:mappa:visit:"),
            (satisfy.SatisfiedBy, satisfy.AsOf, satisfy.TriggerKeyPrefix));
    }

    [Fact]
    public void R_MG10_a_breach_opens_a_work_item_for_the_officer_and_an_ARMS_reassessment_due_by_the_ARMS_schedule_from_its_date()
    {
        var arms = new ArmsSchedule(new WorkingDayCalendar(), Options.Create(new NominalRules()));
        const string breach = "interventions/019a0000-0000-7000-8000-0000000000b1/breaches/019a0000-0000-7000-8000-0000000000b2";
        var occurred = new DateOnly(2026, 12, 18);

        var change = Nominal().RecordInterventionBreach(new InterventionBreach(breach, occurred), arms);

        var item = Assert.Single(change.WorkItemsToOpen);
        Assert.Equal((WorkItemKind.InterventionBreach, breach, false), (item.Kind, item.Reference, item.Urgent));
        var raised = Assert.IsType<RaiseObligation>(Assert.Single(change.LedgerEntries));
        // Friday 18 December 2026: 15 working days across Christmas and New Year is Wednesday 13 January 2027.
        Assert.Equal((ObligationKind.Arms, ObligationTriggers.InterventionBreach, "breach:" + breach, breach, occurred, new DateOnly(2027, 1, 13)),
            (raised.Kind, raised.Trigger, raised.TriggerKey, raised.TriggerRecord, raised.TriggerDate, raised.DueDate));
        // A replayed breach starts nothing twice.
        var replay = change.Nominal.RecordInterventionBreach(new InterventionBreach(breach, occurred), arms);
        Assert.Same(change.Nominal, replay.Nominal);
        Assert.Empty(replay.WorkItemsToOpen);
        Assert.Empty(replay.LedgerEntries);
    }

    [Theory]
    [InlineData(ObligationKind.PolicePlan, "plans/019a0000-0000-7000-8000-0000000000a1", true)]
    [InlineData(ObligationKind.MappaPlan, "plans/019a0000-0000-7000-8000-0000000000a1", true)]
    [InlineData(ObligationKind.MappaPlan, "assessments/019a0000-0000-7000-8000-0000000000a1", false)]
    [InlineData(ObligationKind.PlanAction, "plans/019a0000-0000-7000-8000-0000000000a1/actions/visit-2", true)]
    [InlineData(ObligationKind.PlanAction, "plans/019a0000-0000-7000-8000-0000000000a1/actions/Visit", false)]
    [InlineData(ObligationKind.PlanAction, "plans/019a0000-0000-7000-8000-0000000000a1", false)]
    [InlineData(ObligationKind.MappaReview, "nominals/{nominal}/mappaReviews/019a0000-0000-7000-8000-0000000000c1", true)]
    [InlineData(ObligationKind.MappaReview, "nominals/019a0000-0000-7000-8000-0000000000ff/mappaReviews/019a0000-0000-7000-8000-0000000000c1", false)]
    [InlineData(ObligationKind.MappaReview, "nominals/{nominal}/notifications/019a0000-0000-7000-8000-0000000000c1", false)]
    public void R_MR4_plan_plan_action_and_MAPPA_review_obligations_are_satisfied_by_their_own_records(ObligationKind kind, string by, bool accepted)
    {
        const string nominal = "019a0000-0000-7000-8000-000000000001";
        var obligation = new ObligationRecord("019a0000-0000-7000-8000-0000000000d1", nominal, "XA", "MO-1", kind, ObligationState.Open, "T", "k", "",
            Today, Today, Today, "", "", "", null, Countersigned, 1);
        var satisfiedBy = by.Replace("{nominal}", nominal, StringComparison.Ordinal);

        var refused = Record.Exception(() => ObligationSatisfaction.Check(obligation, satisfiedBy));

        Assert.Equal(accepted, refused is null);
        if (refused is not null)
        {
            Assert.Equal("R-MR4", Assert.IsType<ValidationFailedException>(refused).Problems.Single().RuleId);
        }
    }
}
