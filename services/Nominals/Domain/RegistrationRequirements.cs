namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// A registered sexual offender's notification requirements (R-NT1, R-NT2), computed from every
/// qualifying event of the offence history, the notifications made and the review decisions:
/// <list type="bullet">
/// <item>each event imposes its own period (<see cref="NotificationPeriod"/>); notification is
/// indefinite when any event's is, and otherwise ends when the latest period ends, so a later,
/// shorter period never shortens it;</item>
/// <item>while an event's sentence is pending the end cannot be determined (unset,
/// <see cref="SentencePending"/>);</item>
/// <item>a review decision that discharges the requirements ends every indefinite period of an
/// event on or before the decision date on that date (a later event imposes its own again);</item>
/// <item>the next yearly notification (<see cref="AnnualNotificationSchedule"/>) and the review
/// qualifying date (<see cref="ReviewEligibility"/>, for indefinite notification only).</item>
/// </list>
/// </summary>
public sealed record RegistrationRequirements(
    bool Indefinite,
    DateOnly? EndDate,
    bool Under18OnRelevantDate,
    string GoverningEvent,
    bool InCustody,
    bool SentencePending,
    bool DischargedOnReview,
    DateOnly? NextAnnualNotification,
    ReviewEligibility? Review,
    IReadOnlyDictionary<string, NotificationPeriod> Periods)
{
    /// <summary>The next yearly notification as seen on <paramref name="today"/>: none once the requirements have ended.</summary>
    public DateOnly? NextAnnualNotificationOn(DateOnly today) => EndDate is { } ends && ends <= today ? null : NextAnnualNotification;

    /// <summary>The requirements of <paramref name="n"/> (whatever its category; see <see cref="NotificationPeriod.AppliesTo"/>).</summary>
    public static RegistrationRequirements Of(NominalRecord n)
    {
        var m = n.Management;
        var dob = n.Details.DateOfBirth;
        var discharged = m.ReviewApplications.Where(a => a.Decision == ReviewDecision.Discharged && a.DecisionDate is not null)
            .Select(a => a.DecisionDate!.Value).DefaultIfEmpty().Max();
        var periods = new Dictionary<string, NotificationPeriod>(StringComparer.Ordinal);
        foreach (var e in m.OffenceHistory)
        {
            if (NotificationPeriod.For(e, dob) is not { } p)
            {
                continue;
            }
            // Discharged on review: the indefinite requirements of events before the decision end with it.
            periods[e.Id] = p.Indefinite && discharged != default && e.RelevantDate <= discharged ? p with { Indefinite = false, EndDate = discharged } : p;
        }
        var events = m.OffenceHistory.Where(e => periods.ContainsKey(e.Id)).Select(e => (Event: e, Period: periods[e.Id])).ToList();
        var indefinite = events.Where(x => x.Period.Indefinite).ToList();
        var pending = m.OffenceHistory.Any(e => e.SentencePending);
        var inCustody = m.OffenceHistory.Any(e => e.Detained);

        (QualifyingEventRecord Event, NotificationPeriod Period)? governing = indefinite.Count > 0
            ? indefinite.MaxBy(x => x.Event.RelevantDate)
            : pending || events.Count == 0 ? null
            : events.OrderBy(x => x.Period.EndDate).ThenBy(x => x.Event.RelevantDate).Last();
        var end = indefinite.Count > 0 ? null : governing?.Period.EndDate;
        DateOnly? nextAnnual = AnnualNotificationSchedule.NextDue(m.Notifications, inCustody);
        if (nextAnnual is { } due && end is { } ends && due >= ends)
        {
            // Nothing is due once the requirements have ended.
            nextAnnual = null;
        }
        var review = indefinite.Count > 0
            ? ReviewEligibility.For(indefinite.Select(x => (x.Event, x.Period.Under18OnRelevantDate)), m.Notifications, m.ReviewApplications)
            : null;
        return new RegistrationRequirements(indefinite.Count > 0, end, governing?.Period.Under18OnRelevantDate ?? false,
            governing?.Event.Id ?? "", inCustody, pending, discharged != default, nextAnnual, review, periods);
    }
}
