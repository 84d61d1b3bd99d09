namespace OffenderRisk.Nominals.Victims;

/// <summary>How to tell one registered victim of a review application, honouring their wishes.</summary>
public sealed record VictimNotice(VictimRecord Victim, VictimNotificationRoute Route, VictimContactChannel Channel);

/// <summary>
/// R-VI4: a victim who registered to be told when an offender on indefinite notification applies
/// for a review is listed for notification when the application is recorded. R-NT2: only an
/// indefinite registrant may apply, and not before 15 years from the sentence (8 if under 18 at
/// conviction); both come from <see cref="NotificationPeriod"/> (R-NT1).
/// </summary>
public static class VictimReviewNotification
{
    /// <summary>
    /// The nominal's notification period, when a review application may be recorded for it;
    /// otherwise refuses citing R-VI4 (not indefinite) or R-NT2 (too early).
    /// </summary>
    public static NotificationPeriod EnsureApplicationAllowed(
        SentenceRecord? sentence, DateOnly dateOfBirth, DateOnly applicationDate, NominalCategory category = NominalCategory.RegisteredSexualOffender)
    {
        if (!NotificationPeriod.AppliesTo(category))
        {
            throw new RuleViolationException("R-VI4", "parent", "the nominal is not a registered sexual offender, so is not on notification");
        }
        if (sentence is null)
        {
            throw new RuleViolationException("R-VI4", "parent", "the nominal is not on indefinite notification: no sentence is recorded");
        }
        var period = NotificationPeriod.For(sentence, dateOfBirth);
        if (!period.Indefinite)
        {
            throw new RuleViolationException("R-VI4", "parent", "the nominal is not on indefinite notification");
        }
        if (period.ReviewEligibilityDate is { } eligible && applicationDate < eligible)
        {
            throw new RuleViolationException("R-NT2", "application_date",
                "is before the nominal may apply for review: 15 years from the sentence, 8 if under 18 at conviction");
        }
        return period;
    }

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
