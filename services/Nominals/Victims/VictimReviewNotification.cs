namespace OffenderRisk.Nominals.Victims;

/// <summary>How to tell one registered victim of a review application, honouring their wishes.</summary>
public sealed record VictimNotice(VictimRecord Victim, VictimNotificationRoute Route, VictimContactChannel Channel);

/// <summary>
/// R-VI4: a victim who registered to be told when an offender on indefinite notification applies
/// for a review is listed for notification when the application is recorded. Whether the
/// application may be recorded at all (R-NT2) is the nominal's to decide
/// (<see cref="NominalRecord.RecordReviewApplication"/>), from its offence history.
/// </summary>
public static class VictimReviewNotification
{
    /// <summary>Every registered victim, oldest first, with how to tell them (R-VI4, R-VI3).</summary>
    public static IReadOnlyList<VictimNotice> Notices(IEnumerable<VictimRecord> victims) =>
        victims.Where(v => v.Details.ReviewNotificationRegistered)
            .OrderBy(v => v.CreateTime).ThenBy(v => v.Id, StringComparer.Ordinal)
            .Select(NoticeFor)
            .ToList();

    /// <summary>
    /// The route follows the wishes; the channel is the preferred one when the wishes allow it and
    /// it is recorded, else the first the wishes allow of phone, email, post. A victim who asked for
    /// no contact is still listed (they registered) but gets no channel: the wish prevails.
    /// </summary>
    public static VictimNotice NoticeFor(VictimRecord victim)
    {
        var d = victim.Details;
        var route = d.ContactWishes switch
        {
            VictimContactWishes.ContactAllowed => VictimNotificationRoute.Direct,
            VictimContactWishes.WrittenOnly => VictimNotificationRoute.InWriting,
            VictimContactWishes.ViaLiaisonOnly => VictimNotificationRoute.LiaisonOfficerOnly,
            _ => VictimNotificationRoute.DoNotContact,
        };
        if (route == VictimNotificationRoute.DoNotContact)
        {
            return new VictimNotice(victim, route, VictimContactChannel.Unspecified);
        }
        VictimContactChannel[] order = [d.PreferredChannel, VictimContactChannel.Phone, VictimContactChannel.Email, VictimContactChannel.Post];
        var channel = order.FirstOrDefault(c => VictimContactWishesRule.AllowsChannel(d.ContactWishes, c) && d.CanBeReachedBy(c));
        return new VictimNotice(victim, route, channel);
    }
}
