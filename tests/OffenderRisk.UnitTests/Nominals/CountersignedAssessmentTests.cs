using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// A countersigned assessment from the assessments feed, as the nominal records it (R-AS5, R-AS7,
/// R-AS10, R-MR4, R-RM6): the current level and histories, and what it does to the obligations ledger.
/// </summary>
public sealed class CountersignedAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Countersigned = new(2026, 11, 27);

    private static AssessmentReviewSchedule Reviews(AssessmentReviewMonths? months = null) =>
        new(Options.Create(new NominalRules { AssessmentReviewMonths = months ?? new AssessmentReviewMonths() }));

    private static CountersignedAssessment Arms(string id, RiskLevel level = RiskLevel.Medium, DateOnly? on = null,
        RiskToChildrenConclusion children = RiskToChildrenConclusion.PosesRisk) =>
        new(id, AssessmentKind.Arms, level, on ?? Countersigned, children, Now);

    private static NominalRecord Nominal() => IntelligenceRulesTests.Nominal("MO-1");

    [Theory]
    [InlineData(RiskLevel.Low, 2027, 11, 27)]
    [InlineData(RiskLevel.Medium, 2027, 5, 27)]
    [InlineData(RiskLevel.High, 2027, 2, 27)]
    [InlineData(RiskLevel.VeryHigh, 2026, 12, 27)]
    public void R_AS7_a_countersigned_ARMS_satisfies_open_ARMS_obligations_then_raises_its_review_due_per_level(RiskLevel level, int y, int m, int d)
    {
        var change = Nominal().RecordCountersignedAssessment(Arms("A-1", level), Reviews());

        Assert.Collection(change.LedgerEntries,
            e => Assert.Equal<LedgerEntry>(new SatisfyOpenObligations([ObligationKind.Arms], "assessments/A-1"), e, new SatisfyComparer()),
            e =>
            {
                var raised = Assert.IsType<RaiseObligation>(e);
                Assert.Equal(ObligationKind.Arms, raised.Kind);
                Assert.Equal(ObligationTriggers.AssessmentReview, raised.Trigger);
                Assert.Equal("assessment-review:A-1", raised.TriggerKey);
                Assert.Equal("assessments/A-1", raised.TriggerRecord);
                Assert.Equal(Countersigned, raised.TriggerDate);
                Assert.Equal(new DateOnly(y, m, d), raised.DueDate);
            });
    }

    [Fact]
    public void R_AS7_the_review_period_per_level_is_configured()
    {
        var change = Nominal().RecordCountersignedAssessment(Arms("A-1", RiskLevel.Low), Reviews(new AssessmentReviewMonths { Low = 9 }));

        Assert.Equal(new DateOnly(2027, 8, 27), change.LedgerEntries.OfType<RaiseObligation>().Single().DueDate);
    }

    [Theory]
    [InlineData(0, 6, 3, 1)]
    [InlineData(12, 6, 3, 37)]
    public void Review_months_out_of_range_are_refused_at_start_up(int low, int medium, int high, int veryHigh)
    {
        Assert.NotNull(new NominalRules { AssessmentReviewMonths = new AssessmentReviewMonths { Low = low, Medium = medium, High = high, VeryHigh = veryHigh } }.Problem());
        Assert.Null(new NominalRules().Problem());
    }

    [Fact]
    public void R_AS8_the_countersigned_assessment_becomes_current_and_joins_the_history_with_its_risk_to_children_conclusion()
    {
        var (changed, events) = Nominal().RecordCountersignedAssessment(Arms("A-1", RiskLevel.High), Reviews());

        Assert.Empty(events);
        var m = changed.Management;
        Assert.Equal(new AssessedLevelEntry("A-1", AssessmentKind.Arms, RiskLevel.High, Countersigned), m.CurrentAssessment);
        Assert.Equal([m.CurrentAssessment!], m.AssessmentHistory);
        Assert.Equal(new RiskToChildrenRecord(RiskToChildrenConclusion.PosesRisk, "", Now, "A-1"), m.RiskToChildren);
        Assert.Equal([m.RiskToChildren!], m.RiskToChildrenHistory);
    }

    [Fact]
    public void The_latest_countersign_wins_and_an_earlier_one_arriving_late_joins_the_history_only()
    {
        var later = Nominal().RecordCountersignedAssessment(Arms("A-2", RiskLevel.Low, Countersigned.AddDays(10)), Reviews()).Nominal;

        var change = later.RecordCountersignedAssessment(Arms("A-1", RiskLevel.High), Reviews());

        Assert.Equal("A-2", change.Nominal.Management.CurrentAssessment!.AssessmentId);
        Assert.Equal(["A-1", "A-2"], change.Nominal.Management.AssessmentHistory.Select(h => h.AssessmentId));
        // It still satisfies what is open, but the review stays the later assessment's.
        Assert.IsType<SatisfyOpenObligations>(Assert.Single(change.LedgerEntries));
    }

    [Fact]
    public void R_MR4_a_replayed_event_for_an_assessment_already_recorded_changes_nothing()
    {
        var once = Nominal().RecordCountersignedAssessment(Arms("A-1"), Reviews()).Nominal;

        var replay = once.RecordCountersignedAssessment(Arms("A-1"), Reviews());

        Assert.Same(once, replay.Nominal);
        Assert.Empty(replay.LedgerEntries);
        Assert.Empty(replay.Events);
    }

    [Fact]
    public void The_assessment_and_risk_to_children_histories_keep_the_most_recent_200()
    {
        var n = Nominal();
        for (var i = 0; i < NominalManagement.MaxAssessmentHistory + 5; i++)
        {
            n = n.RecordCountersignedAssessment(Arms($"A-{i:000}", on: Countersigned.AddDays(i)), Reviews()).Nominal;
        }

        var m = n.Management;
        Assert.Equal(NominalManagement.MaxAssessmentHistory, m.AssessmentHistory.Count);
        Assert.Equal(NominalManagement.MaxAssessmentHistory, m.RiskToChildrenHistory.Count);
        Assert.Equal("A-005", m.AssessmentHistory[0].AssessmentId);
        Assert.Equal("A-204", m.CurrentAssessment!.AssessmentId);
        Assert.Equal("A-204", m.RiskToChildrenHistory[^1].AssessmentId);
    }

    [Fact]
    public void R_AS5_a_risk_of_serious_harm_assessment_sets_the_current_level_but_satisfies_no_ARMS_obligation()
    {
        var rosh = new CountersignedAssessment("R-1", AssessmentKind.RiskOfSeriousHarm, RiskLevel.VeryHigh, Countersigned,
            RiskToChildrenConclusion.NoIdentifiedRisk, Now);

        var change = Nominal().RecordCountersignedAssessment(rosh, Reviews());

        Assert.Empty(change.LedgerEntries);
        Assert.Equal(RiskLevel.VeryHigh, change.Nominal.Management.CurrentAssessment!.Level);
        Assert.Equal(RiskToChildrenConclusion.NoIdentifiedRisk, change.Nominal.Management.RiskToChildren!.Conclusion);
    }

    [Fact]
    public void R_RM6_a_significant_change_raises_an_ARMS_obligation_that_the_next_countersigned_ARMS_satisfies()
    {
        var arms = new ArmsSchedule(new WorkingDayCalendar(), Options.Create(new NominalRules()));
        var (significant, _, raisedBySignificantChange, _) = Nominal().RecordSignificantChange("nominals/N/intelligence/I-1", Now, arms);
        Assert.Equal(ObligationKind.Arms, Assert.IsType<RaiseObligation>(Assert.Single(raisedBySignificantChange!)).Kind);

        var next = significant.RecordCountersignedAssessment(Arms("A-1"), Reviews());

        var satisfy = Assert.IsType<SatisfyOpenObligations>(next.LedgerEntries[0]);
        Assert.Equal([ObligationKind.Arms], satisfy.Kinds);
        Assert.Equal("assessments/A-1", satisfy.SatisfiedBy);
        // Only what was raised by the countersigning: the ledger compares it with each obligation (ObligationLedgerStorageTests).
        Assert.Equal(Now, satisfy.AsOf);
    }

    [Fact]
    public void R_AS10_a_conclusion_recorded_on_the_nominal_before_assessments_gave_them_keeps_its_evidence_and_leads_the_history()
    {
        var legacy = new RiskToChildrenRecord(RiskToChildrenConclusion.NoIdentifiedRisk, "PC-OLD-1", Now.AddYears(-1))
        {
            InformationSources = ["Fictional probation report"],
            Rationale = "Fictional rationale.",
        };
        var nominal = Nominal() with { Management = Nominal().Management with { RiskToChildren = legacy } };

        var m = nominal.RecordCountersignedAssessment(Arms("A-1"), Reviews()).Nominal.Management;

        Assert.Equal([legacy, m.RiskToChildren!], m.RiskToChildrenHistory);
        Assert.Equal(["Fictional probation report"], m.RiskToChildrenHistory[0].InformationSources);
        Assert.Equal("A-1", m.RiskToChildren!.AssessmentId);
    }

    /// <summary>Records holding lists compare by reference; this compares a satisfy entry by its kinds and record.</summary>
    private sealed class SatisfyComparer : IEqualityComparer<LedgerEntry>
    {
        public bool Equals(LedgerEntry? x, LedgerEntry? y) =>
            x is SatisfyOpenObligations a && y is SatisfyOpenObligations b && a.Kinds.SequenceEqual(b.Kinds) && a.SatisfiedBy == b.SatisfiedBy;

        public int GetHashCode(LedgerEntry obj) => 0;
    }
}
