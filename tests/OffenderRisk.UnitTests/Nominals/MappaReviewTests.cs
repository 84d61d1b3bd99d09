using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// MAPPA levels and reviews on the nominal (R-MR2, R-MG1, R-MG5): the review obligation a new level
/// raises, a review's effect on the ledger and the level, and the MAPPA plan obligation.
/// </summary>
public sealed class MappaReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    internal static MappaReviewSchedule Schedule(MappaLevel1ReviewDays? level1 = null, int planDueDays = 28) =>
        new(Options.Create(new NominalRules { MappaLevel1ReviewDays = level1 ?? new MappaLevel1ReviewDays(), PlanDueDays = planDueDays }));

    private static NominalRecord Nominal(RiskLevel? assessed = null)
    {
        var n = IntelligenceRulesTests.Nominal("MO-1");
        return assessed is { } level
            ? n with { Management = n.Management with { CurrentAssessment = new AssessedLevelEntry("A-1", AssessmentKind.Arms, level, Today.AddDays(-200)) } }
            : n;
    }

    private static NominalChange SetLevel(NominalRecord n, int level, DateOnly effective) =>
        n.SetMappa(1, level, "MAPPA meeting", effective, "MO-1", Now, Schedule());

    private static NominalChange Review(NominalRecord n, DateOnly on, int decision = 0, string rationale = "") =>
        n.RecordMappaReview(new MappaReviewInput(on, "Fictional review outcome.", decision, rationale), "MO-1", Now, Schedule());

    private static RaiseObligation RaisedReview(NominalChange change) =>
        change.LedgerEntries.OfType<RaiseObligation>().Single(r => r.Kind == ObligationKind.MappaReview);

    [Theory]
    [InlineData(3, 56)]
    [InlineData(2, 112)]
    public void R_MR2_a_new_level_raises_its_review_due_8_or_16_weeks_after_the_level_was_set(int level, int days)
    {
        var effective = Today.AddDays(-10);

        var raised = RaisedReview(SetLevel(Nominal(), level, effective));

        Assert.Equal((ObligationTriggers.MappaLevelSet, effective, effective.AddDays(days)), (raised.Trigger, raised.TriggerDate, raised.DueDate));
    }

    [Fact]
    public void R_MR2_the_review_counts_from_the_last_review_when_it_is_later_than_the_level_being_set()
    {
        var reviewed = Review(SetLevel(Nominal(), 2, Today.AddDays(-100)).Nominal, Today.AddDays(-20)).Nominal;

        var raised = RaisedReview(SetLevel(reviewed, 3, Today.AddDays(-30)));

        Assert.Equal(Today.AddDays(-20).AddDays(56), raised.DueDate);
    }

    [Theory]
    [InlineData(null, 112)]
    [InlineData(RiskLevel.Low, 365)]
    [InlineData(RiskLevel.Medium, 182)]
    [InlineData(RiskLevel.High, 112)]
    [InlineData(RiskLevel.VeryHigh, 56)]
    public void R_MR2_level_1_is_reviewed_by_the_local_policy_for_the_current_risk_level(RiskLevel? assessed, int days)
    {
        Assert.Equal(Today.AddDays(days), RaisedReview(SetLevel(Nominal(assessed), 1, Today)).DueDate);
    }

    [Fact]
    public void R_MR2_the_level_1_policy_is_configured()
    {
        var change = Nominal(RiskLevel.Low).SetMappa(1, 1, "MAPPA meeting", Today, "MO-1", Now, Schedule(new MappaLevel1ReviewDays { Low = 90 }));

        Assert.Equal(Today.AddDays(90), RaisedReview(change).DueDate);
    }

    [Theory]
    [InlineData(0, 182, 112, 56, 112, 28)]
    [InlineData(365, 182, 112, 56, 731, 28)]
    [InlineData(365, 182, 112, 56, 112, 0)]
    public void R_MR2_level_1_review_days_and_plan_due_days_out_of_range_are_refused_at_start_up(int low, int medium, int high, int veryHigh, int unassessed, int planDays)
    {
        var rules = new NominalRules
        {
            MappaLevel1ReviewDays = new MappaLevel1ReviewDays { Low = low, Medium = medium, High = high, VeryHigh = veryHigh, Unassessed = unassessed },
            PlanDueDays = planDays,
        };

        Assert.NotNull(rules.Problem());
        Assert.Null(new NominalRules().Problem());
    }

    [Fact]
    public void R_MG1_the_same_level_set_again_keeps_its_set_date_and_raises_nothing()
    {
        var set = SetLevel(Nominal(), 2, Today.AddDays(-50)).Nominal;

        var again = set.SetMappa(2, 2, "category corrected", Today, "MO-1", Now, Schedule());

        Assert.Empty(again.LedgerEntries);
        Assert.Empty(again.Events);
        Assert.Equal(Today.AddDays(-50), again.Nominal.Management.Mappa!.LevelSetOn);
        Assert.Equal(2, again.Nominal.Management.MappaHistory.Count);
    }

    [Fact]
    public void R_MR2_a_review_satisfies_the_open_reviews_raised_by_then_and_raises_the_next_from_its_date()
    {
        var set = SetLevel(Nominal(), 3, Today.AddDays(-100)).Nominal;

        var change = Review(set, Today.AddDays(-10));

        var entry = change.Nominal.Management.MappaReviews.Single();
        var name = MappaReviewNames.Format(set.Id, entry.Id);
        var satisfy = Assert.IsType<SatisfyOpenObligations>(change.LedgerEntries[0]);
        Assert.Equal([ObligationKind.MappaReview], satisfy.Kinds);
        Assert.Equal((name, (DateTimeOffset?)Now), (satisfy.SatisfiedBy, satisfy.AsOf));
        var next = Assert.IsType<RaiseObligation>(change.LedgerEntries[1]);
        Assert.Equal((ObligationTriggers.MappaReview, name, Today.AddDays(-10), Today.AddDays(46)), (next.Trigger, next.TriggerRecord, next.TriggerDate, next.DueDate));
        Assert.Equal(Today.AddDays(46), entry.NextReviewDue);
        Assert.Equal((3, 0), (entry.LevelBefore, entry.LevelDecision));
        var recorded = Assert.Single(change.Events);
        Assert.Equal(NominalEventType.MappaReviewRecorded, recorded.Type);
        Assert.Equal(name, recorded.Attributes!["mappa_review"]);
        Assert.Equal("3", recorded.Attributes["mappa_level"]);
    }

    [Fact]
    public void R_MG1_a_review_deciding_a_new_level_keeps_it_in_the_history_set_on_the_review_date_and_counts_the_next_review_at_it()
    {
        var set = SetLevel(Nominal(), 3, Today.AddDays(-100)).Nominal;

        var change = Review(set, Today.AddDays(-5), decision: 2, rationale: "Fictional: risk reduced.");

        var m = change.Nominal.Management;
        Assert.Equal((2, Today.AddDays(-5)), (m.Mappa!.Level, m.Mappa.LevelSetOn));
        Assert.Equal([3, 2], m.MappaHistory.Select(h => h.Level));
        Assert.Equal([NominalEventType.MappaLevelChanged, NominalEventType.MappaReviewRecorded], change.Events.Select(e => e.Type));
        Assert.Equal(Today.AddDays(-5).AddDays(112), RaisedReview(change).DueDate);
    }

    [Fact]
    public void R_AU3_a_review_that_changes_the_level_needs_a_rationale()
    {
        var set = SetLevel(Nominal(), 3, Today.AddDays(-100)).Nominal;

        var e = Assert.Throws<RuleViolationException>(() => Review(set, Today, decision: 1));

        Assert.Equal(("R-AU3", "review.rationale"), (e.RuleId, e.Field));
        // Deciding the level it already has is keeping it: no rationale needed.
        Assert.Equal(3, Review(set, Today, decision: 3).Nominal.Management.Mappa!.Level);
    }

    [Fact]
    public void R_MR2_a_nominal_with_no_MAPPA_level_has_no_review_to_record()
    {
        var e = Assert.Throws<RuleViolationException>(() => Review(Nominal(), Today));

        Assert.Equal(("R-MR2", "parent"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_MR2_a_review_dated_before_the_level_was_set_or_before_the_last_review_is_refused()
    {
        var set = SetLevel(Nominal(), 2, Today.AddDays(-30)).Nominal;
        Assert.Equal("R-MR2", Assert.Throws<RuleViolationException>(() => Review(set, Today.AddDays(-31))).RuleId);

        var reviewed = Review(set, Today.AddDays(-10)).Nominal;
        var e = Assert.Throws<RuleViolationException>(() => Review(reviewed, Today.AddDays(-11)));
        Assert.Equal(("R-MR2", "review.review_date"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_MR2_the_most_recent_200_reviews_are_kept()
    {
        var n = SetLevel(Nominal(), 2, Today.AddDays(-400)).Nominal;
        for (var i = 0; i < NominalManagement.MaxMappaReviews + 3; i++)
        {
            n = Review(n, Today.AddDays(-300 + i)).Nominal;
        }

        var reviews = n.Management.MappaReviews;
        Assert.Equal(NominalManagement.MaxMappaReviews, reviews.Count);
        Assert.Equal(Today.AddDays(-297), reviews[0].ReviewDate);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public void R_MG5_level_2_or_3_raises_a_MAPPA_plan_obligation_due_after_the_configured_days(int level, bool raised)
    {
        var effective = Today.AddDays(-3);

        var plan = SetLevel(Nominal(), level, effective).LedgerEntries.OfType<RaiseObligation>().SingleOrDefault(r => r.Kind == ObligationKind.MappaPlan);

        Assert.Equal(raised, plan is not null);
        if (plan is not null)
        {
            Assert.Equal((NominalRecord.MappaPlanTriggerKey, effective.AddDays(28)), (plan.TriggerKey, plan.DueDate));
        }
    }

    [Fact]
    public void R_MG5_no_MAPPA_plan_obligation_is_raised_when_a_countersigned_MAPPA_plan_is_known()
    {
        var n = Nominal();
        n = n with { Management = n.Management with { Plans = [new KnownPlan(PlanKind.Mappa, "P-1", 1, Today.AddDays(-5))] } };

        Assert.DoesNotContain(SetLevel(n, 3, Today).LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.MappaPlan);
    }

    [Fact]
    public void R_MG5_a_review_moving_the_level_from_1_to_2_raises_the_MAPPA_plan_from_the_review_date()
    {
        var set = SetLevel(Nominal(), 1, Today.AddDays(-60)).Nominal;

        var change = Review(set, Today.AddDays(-1), decision: 2, rationale: "Fictional: escalated.");

        var plan = change.LedgerEntries.OfType<RaiseObligation>().Single(r => r.Kind == ObligationKind.MappaPlan);
        Assert.Equal(Today.AddDays(27), plan.DueDate);
    }
}
