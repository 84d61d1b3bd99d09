namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// When an indefinite registrant may apply for review (R-NT2; SOA 2003 s.91A-91F): the
/// qualifying date is 15 years after initial notification, 8 if the person was under 18 on the
/// relevant date of the indefinite event. For a detaining disposal (custody, hospital) initial
/// notification is the first notification on or after release: a 10-year sentence passed in 2010
/// with release in 2015 and a first notification on 2015-03-02 qualifies on 2030-03-02, not in
/// 2025. Any notification but one of foreign travel counts (the person notifies all their details
/// on the first after release, whichever kind the officer records). With several indefinite
/// events the latest qualifying date governs; a refused review's further qualifying date governs
/// when it is later. The date is not determinable (null, with why) while the person is still
/// detained or has not notified since release.
/// </summary>
public sealed record ReviewEligibility(DateOnly? QualifyingDate, string WhyUndetermined, string GoverningEvent)
{
    public const int AdultYears = 15;
    public const int Under18Years = 8;

    /// <param name="indefiniteEvents">The events that make notification indefinite (not discharged), with the person's age then.</param>
    /// <param name="notifications">Every notification recorded.</param>
    /// <param name="applications">Every review application with its decision.</param>
    public static ReviewEligibility For(
        IEnumerable<(QualifyingEventRecord Event, bool Under18)> indefiniteEvents, IReadOnlyList<NotificationEntry> notifications,
        IReadOnlyList<ReviewApplicationEntry> applications)
    {
        DateOnly? latest = null;
        var governing = "";
        foreach (var (e, under18) in indefiniteEvents)
        {
            if (e.Detained)
            {
                return new ReviewEligibility(null, "the person is detained under an indefinite disposal: no release is recorded", e.Id);
            }
            var anchor = e.IsDetention ? e.ReleaseDate!.Value : e.RelevantDate;
            var initial = FirstNotificationOnOrAfter(notifications, anchor);
            if (initial is null)
            {
                return new ReviewEligibility(null, e.IsDetention
                    ? "no notification is recorded since release: initial notification is the first after release"
                    : "no notification is recorded since the relevant date", e.Id);
            }
            // 15 (or 8) years from a notification on 29 February ends on 28 February.
            var date = initial.Value.AddYears(under18 ? Under18Years : AdultYears);
            if (latest is null || date > latest)
            {
                latest = date;
                governing = e.Id;
            }
        }
        if (latest is null)
        {
            return new ReviewEligibility(null, "notification is not indefinite", "");
        }
        var further = applications.Where(a => a.Decision == ReviewDecision.Refused && a.FurtherQualifyingDate is not null)
            .Select(a => a.FurtherQualifyingDate!.Value).DefaultIfEmpty().Max();
        return new ReviewEligibility(further > latest ? further : latest, "", governing);
    }

    private static DateOnly? FirstNotificationOnOrAfter(IReadOnlyList<NotificationEntry> notifications, DateOnly day)
    {
        DateOnly? first = null;
        foreach (var n in notifications)
        {
            if (n.Kind != NotificationKind.Travel && n.NotifyDate >= day && (first is null || n.NotifyDate < first))
            {
                first = n.NotifyDate;
            }
        }
        return first;
    }
}
