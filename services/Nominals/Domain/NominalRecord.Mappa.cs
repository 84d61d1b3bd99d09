using System.Globalization;

namespace OffenderRisk.Nominals.Domain;

/// <summary>A MAPPA review as the officer records it (R-MR2, R-MG1): the level decided is 0 to keep the level.</summary>
public sealed record MappaReviewInput(DateOnly ReviewDate, string Outcome, int LevelDecision, string Rationale);

/// <summary>MAPPA review names: "nominals/{id}/mappaReviews/{review}".</summary>
public static class MappaReviewNames
{
    public const string Collection = "mappaReviews";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";
}

/// <summary>MAPPA management (R-MG1), its reviews (R-MR2) and the MAPPA plan it requires (R-MG5).</summary>
public sealed partial record NominalRecord
{
    /// <summary>The key of the one MAPPA plan obligation raised while no countersigned MAPPA plan is known: raising it again adds nothing while it is open.</summary>
    public const string MappaPlanTriggerKey = "mappa-plan";

    /// <summary>
    /// Sets MAPPA management as decided on <paramref name="effective"/>; R-MG1: category 1 is the
    /// registered sexual offenders' category (<see cref="MappaCategoryRule"/>), and every setting is
    /// kept in the history. A new level is announced on the feed and raises its review (R-MR2, due
    /// from the later of the last review and <paramref name="effective"/>) and, at level 2 or 3, the
    /// MAPPA plan (R-MG5). The same level set again (a change of category) keeps the date the level was set.
    /// </summary>
    public NominalChange SetMappa(int category, int level, string reason, DateOnly effective, string actingUser, DateTimeOffset now,
        MappaReviewSchedule schedule)
    {
        MappaCategoryRule.Check(category, Details.Category, "category");
        var m = Management;
        var previous = m.Mappa;
        var newLevel = previous?.Level != level;
        var entry = new MappaEntry(category, level, reason, actingUser, now, newLevel ? effective : previous!.LevelSetOn);
        var changed = this with { Management = m with { Mappa = entry, MappaHistory = [.. m.MappaHistory, entry] } };
        if (!newLevel)
        {
            return NominalChange.Quiet(changed);
        }
        var lastReview = m.MappaReviews.Count > 0 ? m.MappaReviews[^1].ReviewDate : effective;
        var from = lastReview > effective ? lastReview : effective;
        var key = "mappa-level:" + changed.Management.MappaHistory.Count.ToString(CultureInfo.InvariantCulture);
        return new NominalChange(changed, [MappaLevelChanged(entry, previous)],
        [
            new RaiseObligation(ObligationKind.MappaReview, ObligationTriggers.MappaLevelSet, key, ResourceName, effective,
                schedule.ReviewDueFrom(level, CurrentRiskLevel, from)),
            .. changed.MappaPlanObligation(level, effective, schedule),
        ]);
    }

    /// <summary>
    /// Records a MAPPA review (R-MR2, R-MG1). The nominal must have a MAPPA level; the review is dated
    /// neither before the level was set nor before the last review. A level decision that changes the
    /// level needs a rationale (R-AU3) and is kept in the MAPPA history as set on the review date. The
    /// review satisfies the open MAPPA review obligations raised by now and raises the next, counted
    /// from the review date at the level after it. The most recent
    /// <see cref="NominalManagement.MaxMappaReviews"/> reviews are kept.
    /// </summary>
    public NominalChange RecordMappaReview(MappaReviewInput review, string actingUser, DateTimeOffset now, MappaReviewSchedule schedule)
    {
        var m = Management;
        var mappa = m.Mappa ?? throw new RuleViolationException("R-MR2", "parent", "the nominal has no MAPPA level to review: set it first (SetMappaManagement)");
        if (review.ReviewDate < mappa.LevelSetOn)
        {
            throw new RuleViolationException("R-MR2", "review.review_date", "must not be before the date the current MAPPA level was set");
        }
        if (m.MappaReviews.Count > 0 && review.ReviewDate < m.MappaReviews[^1].ReviewDate)
        {
            throw new RuleViolationException("R-MR2", "review.review_date", "must not be before the last recorded MAPPA review");
        }
        var level = review.LevelDecision == 0 ? mappa.Level : review.LevelDecision;
        var levelChanges = level != mappa.Level;
        if (levelChanges && string.IsNullOrWhiteSpace(review.Rationale))
        {
            throw new RuleViolationException("R-AU3", "review.rationale", "a level decision that changes the MAPPA level needs its rationale");
        }
        var id = Guid.CreateVersion7(now).ToString("D");
        var name = MappaReviewNames.Format(Id, id);
        var next = schedule.ReviewDueFrom(level, CurrentRiskLevel, review.ReviewDate);
        var entry = new MappaReviewEntry(id, review.ReviewDate, review.Outcome, mappa.Level, review.LevelDecision, review.Rationale, actingUser, now, next);
        var setLevel = levelChanges ? new MappaEntry(mappa.Category, level, review.Rationale, actingUser, now, review.ReviewDate) : mappa;
        var changed = this with
        {
            Management = m with
            {
                Mappa = setLevel,
                MappaHistory = levelChanges ? [.. m.MappaHistory, setLevel] : m.MappaHistory,
                MappaReviews = Bounded(m.MappaReviews.Append(entry), NominalManagement.MaxMappaReviews),
            },
        };
        var recorded = new NominalFeedEvent(NominalEventType.MappaReviewRecorded, null, new Dictionary<string, string>
        {
            ["mappa_review"] = name,
            ["mappa_level"] = level.ToString(CultureInfo.InvariantCulture),
        });
        return new NominalChange(changed, levelChanges ? [MappaLevelChanged(setLevel, mappa), recorded] : [recorded],
        [
            // Satisfy what was open first: the next review raised below is not the one this review fulfils.
            new SatisfyOpenObligations([ObligationKind.MappaReview], name, now),
            new RaiseObligation(ObligationKind.MappaReview, ObligationTriggers.MappaReview, "mappa-review:" + id, name, review.ReviewDate, next),
            .. levelChanges ? changed.MappaPlanObligation(level, review.ReviewDate, schedule) : [],
        ]);
    }

    /// <summary>The nominal's current risk level (R-MR2's level 1 policy): its latest countersigned assessment's, unspecified before one.</summary>
    private RiskLevel CurrentRiskLevel => Management.CurrentAssessment?.Level ?? RiskLevel.Unspecified;

    /// <summary>
    /// R-MG5: at level 2 or 3 a MAPPA plan is required, due after the configured days from the level
    /// being set, unless a countersigned MAPPA plan is already known; while none is, there is one
    /// such obligation (one trigger key), so a second level change raises nothing more.
    /// </summary>
    private IReadOnlyList<LedgerEntry> MappaPlanObligation(int level, DateOnly levelSetOn, MappaReviewSchedule schedule) =>
        level >= 2 && !Management.Plans.Any(p => p.Kind == PlanKind.Mappa)
            ? [new RaiseObligation(ObligationKind.MappaPlan, ObligationTriggers.MappaLevelSet, MappaPlanTriggerKey, ResourceName, levelSetOn,
                schedule.PlanDueFrom(levelSetOn))]
            : [];

    private static NominalFeedEvent MappaLevelChanged(MappaEntry set, MappaEntry? previous) =>
        new(NominalEventType.MappaLevelChanged, null, new Dictionary<string, string>
        {
            ["mappa_level"] = set.Level.ToString(CultureInfo.InvariantCulture),
            ["previous_mappa_level"] = previous?.Level.ToString(CultureInfo.InvariantCulture) ?? "",
            ["mappa_category"] = set.Category.ToString(CultureInfo.InvariantCulture),
        });
}
