namespace OffenderRisk.Nominals.Domain;

/// <summary>An assessment as the assessments feed announced its countersigning: ids and codes only.</summary>
public sealed record CountersignedAssessment(
    string AssessmentId, AssessmentKind Kind, RiskLevel Level, DateOnly CountersignDate, RiskToChildrenConclusion RiskToChildren,
    DateTimeOffset CountersignTime, string CountersignedBy = "")
{
    public string ResourceName => ResourceNames.Format("assessments", AssessmentId);
}

/// <summary>What the nominal knows of its countersigned assessments (R-AS7, R-AS8, R-AS10, R-MR4, R-MG6).</summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// A countersigned assessment from the assessments feed. The latest countersign is the current
    /// assessment (and so the nominal's current level, R-RM1, R-MG6); each is kept in the history,
    /// as is its risk-to-children conclusion (R-AS10), both bounded to the most recent
    /// <see cref="NominalManagement.MaxAssessmentHistory"/>. An ARMS satisfies every open ARMS
    /// obligation (R-AS5: only a countersigned ARMS does; a risk of serious harm assessment does
    /// not) and raises its own next review, due after the local period for its level (R-AS7,
    /// R-MR4). An assessment already in the history changes nothing: a replay is harmless.
    /// </summary>
    public NominalChange RecordCountersignedAssessment(CountersignedAssessment a, AssessmentReviewSchedule reviews)
    {
        var m = Management;
        if (m.AssessmentHistory.Any(h => h.AssessmentId == a.AssessmentId))
        {
            return NominalChange.Quiet(this);
        }
        var entry = new AssessedLevelEntry(a.AssessmentId, a.Kind, a.Level, a.CountersignDate);
        // Latest countersign wins: an assessment countersigned before the current one joins the history only.
        var isLatest = m.CurrentAssessment is not { } current || current.CountersignDate <= a.CountersignDate;
        var changed = m with
        {
            CurrentAssessment = isLatest ? entry : m.CurrentAssessment,
            AssessmentHistory = Bounded(m.AssessmentHistory.Append(entry).OrderBy(h => h.CountersignDate)),
        };
        if (a.RiskToChildren != RiskToChildrenConclusion.Unspecified)
        {
            var conclusion = new RiskToChildrenRecord(a.RiskToChildren, a.CountersignedBy, a.CountersignTime, a.AssessmentId);
            changed = changed with
            {
                RiskToChildren = m.RiskToChildren is not { } latest || latest.RecordTime <= a.CountersignTime ? conclusion : m.RiskToChildren,
                RiskToChildrenHistory = Bounded(LegacyFirst(m).Append(conclusion).OrderBy(r => r.RecordTime)),
            };
        }
        var ledger = new List<LedgerEntry>();
        if (a.Kind == AssessmentKind.Arms)
        {
            // First satisfy what was open (a review, a lead agency change, a significant change),
            // then raise the next review: from the latest ARMS only.
            ledger.Add(new SatisfyOpenObligations([ObligationKind.Arms], a.ResourceName, a.CountersignTime));
            // R-RM5: no ARMS is required on reactive management, so no review is raised.
            if (isLatest && Status != ManagementStatus.Reactive)
            {
                ledger.Add(new RaiseObligation(ObligationKind.Arms, ObligationTriggers.AssessmentReview, "assessment-review:" + a.AssessmentId,
                    a.ResourceName, a.CountersignDate, reviews.DueFrom(a.Level, a.CountersignDate)));
            }
        }
        // R-MG6: a very high risk nominal is flagged for a NIM target profile by default, by the
        // assessment's countersigner; a flag already set (or a later assessment) leaves it as it is.
        if (isLatest && a.Level == RiskLevel.VeryHigh && changed.TargetProfile is not { Flagged: true })
        {
            changed = WithTargetProfile(changed,
                new TargetProfileEntry(true, "default: a countersigned VERY_HIGH assessment (R-MG6)", a.CountersignedBy, a.CountersignTime, a.AssessmentId));
        }
        return new NominalChange(this with { Management = changed }, [], ledger);
    }

    /// <summary>The history, led by a conclusion recorded on the nominal before assessments gave them (it has no assessment and was never in the history).</summary>
    private static IEnumerable<RiskToChildrenRecord> LegacyFirst(NominalManagement m) =>
        m.RiskToChildren is { AssessmentId: "" } legacy ? m.RiskToChildrenHistory.Prepend(legacy) : m.RiskToChildrenHistory;

    /// <summary>The most recent <paramref name="max"/> entries of a history, oldest first.</summary>
    private static T[] Bounded<T>(IEnumerable<T> history, int max = NominalManagement.MaxAssessmentHistory)
    {
        var all = history.ToArray();
        return all.Length <= max ? all : all[^max..];
    }
}
