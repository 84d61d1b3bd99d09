namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// When the next yearly notification is due (SOA 2003 s.85): within one year after the last
/// notification that starts the clock, and none while the person is detained (s.85(3), (4): the
/// period runs on until 3 days after release, which the release's own initial notification
/// obligation covers).
/// </summary>
public static class AnnualNotificationSchedule
{
    /// <summary>
    /// Whether a notification of this kind starts the yearly clock: s.85(2) names the initial
    /// notification (s.83(1)), a notification of changes (s.84(1)) and the yearly one itself; a
    /// notification of foreign travel (s.86) does not.
    /// </summary>
    public static bool ResetsClock(NotificationKind kind) =>
        kind is NotificationKind.Initial or NotificationKind.Annual or NotificationKind.ChangeOfDetails;

    /// <summary>A year after the last notification that starts the clock; null before the first or while detained.</summary>
    public static DateOnly? NextDue(IEnumerable<NotificationEntry> notifications, bool inCustody)
    {
        if (inCustody)
        {
            return null;
        }
        DateOnly? last = null;
        foreach (var n in notifications.Where(n => ResetsClock(n.Kind)))
        {
            last = last is { } l && l >= n.NotifyDate ? l : n.NotifyDate;
        }
        // A notification on 29 February is next due on 28 February.
        return last?.AddYears(1);
    }
}
