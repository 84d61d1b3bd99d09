namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The offence history, notifications and review applications of a nominal (R-NT1, R-NT2, R-AS5,
/// R-RM4). Each change returns the changed nominal with what it does to the obligations ledger
/// (R-MR4) and the change feed.
/// </summary>
public sealed partial record NominalRecord
{
    /// <summary>How many days after the relevant date or release an initial notification is due (SOA 2003 s.83(1)).</summary>
    public const int InitialNotificationDays = 3;

    /// <summary>
    /// Adds a qualifying event. R-AS5: a conviction or finding without a sentence (or sentenced on
    /// or after day 42) requires an ARMS from day 42 after the relevant date: raised as scheduled,
    /// it arises on that day (at once when it is already past) and a sentence recorded before then
    /// withdraws it. SOA 2003 s.83: a registered sexual offender who has never notified and is not
    /// detained owes an initial notification within 3 days of the relevant date (or of the
    /// release already recorded); one who has notified before notifies changes under s.84, which
    /// raises nothing here. R-RM4: a sexual offence returns a reactive nominal to active management.
    /// </summary>
    public NominalChange RecordQualifyingEvent(QualifyingEventRecord qualifyingEvent, string actingUser, DateTimeOffset now, ArmsSchedule arms)
    {
        var m = Management;
        if (qualifyingEvent.RelevantDate < Details.DateOfBirth)
        {
            throw ValidationFailedException.For("qualifying_event.relevant_date", "must not be before the date of birth");
        }
        if (m.OffenceHistory.Count >= NominalManagement.MaxQualifyingEvents)
        {
            throw new PreconditionFailedException("OFFENCE_HISTORY_FULL", "qualifying_event",
                $"a nominal's offence history holds at most {NominalManagement.MaxQualifyingEvents} qualifying events");
        }
        var e = qualifyingEvent with { OffenceDescription = qualifyingEvent.OffenceDescription.Trim(), RecordedBy = actingUser, RecordTime = now };
        var name = QualifyingEventNames.Format(Id, e.Id);
        var recorded = this with { Management = m with { OffenceHistory = [.. m.OffenceHistory, e] } };

        var ledger = new List<LedgerEntry>();
        if (e.Kind is QualifyingEventKind.Conviction or QualifyingEventKind.Finding)
        {
            var arises = arms.SixWeeksAfter(e.RelevantDate);
            if (e.SentenceDate is null || e.SentenceDate >= arises)
            {
                ledger.Add(new RaiseObligation(ObligationKind.Arms, ObligationTriggers.ConvictionWithoutSentence, SixWeeksKey(e.Id), name,
                    arises, arms.DueFrom(arises), ArisesOn: arises));
            }
        }
        if (NotificationPeriod.AppliesTo(Details.Category) && m.Notifications.Count == 0 && !RegistrationRequirements.Of(recorded).InCustody)
        {
            var from = e.ReleaseDate ?? e.RelevantDate;
            ledger.Add(new RaiseObligation(ObligationKind.InitialNotification, ObligationTriggers.QualifyingEvent, $"qualifying-event:{e.Id}", name,
                from, from.AddDays(InitialNotificationDays)));
        }
        var change = new NominalChange(recorded,
            [new NominalFeedEvent(NominalEventType.QualifyingEventRecorded, null,
                new Dictionary<string, string> { ["qualifying_event"] = name },
                new Dictionary<string, Enum> { ["offence_class"] = e.OffenceClass })],
            ledger);
        return e.OffenceClass == OffenceClass.Sexual
            ? change.Then(n => n.ReturnToActiveIfReactive(StatusChangeTrigger.FurtherSexualOffence, name, actingUser, now))
            : change;
    }

    /// <summary>
    /// Changes a qualifying event (its sentence, or its release) by <paramref name="amend"/>, which
    /// validates the whole amended event. R-AS5: recording the sentence of a pending event
    /// withdraws its six-week ARMS if that has not arisen yet. SOA 2003 s.83: recording the
    /// release of a registered sexual offender who is then no longer detained raises an initial
    /// notification obligation due 3 days after the release. An unknown event is NOT_FOUND under
    /// the name it was asked for.
    /// </summary>
    public NominalChange UpdateQualifyingEvent(string eventId, string eventName, Func<QualifyingEventRecord, QualifyingEventRecord> amend)
    {
        var m = Management;
        var existing = m.OffenceHistory.FirstOrDefault(e => e.Id == eventId) ?? throw new ResourceNotFoundException(eventName);
        var changed = amend(existing) with { Id = existing.Id, RecordedBy = existing.RecordedBy, RecordTime = existing.RecordTime };
        var updated = this with { Management = m with { OffenceHistory = m.OffenceHistory.Select(e => e.Id == eventId ? changed : e).ToArray() } };

        var ledger = new List<LedgerEntry>();
        if (existing.SentenceDate is null && changed.SentenceDate is not null)
        {
            ledger.Add(new WithdrawScheduledObligation(SixWeeksKey(eventId)));
        }
        if (existing.ReleaseDate is null && changed.ReleaseDate is { } released && NotificationPeriod.AppliesTo(Details.Category)
            && !RegistrationRequirements.Of(updated).InCustody)
        {
            ledger.Add(new RaiseObligation(ObligationKind.InitialNotification, ObligationTriggers.Release, $"release:{eventId}", eventName,
                released, released.AddDays(InitialNotificationDays)));
        }
        return new NominalChange(updated, [], ledger);
    }

    /// <summary>
    /// Records a notification the person made (R-NT1; SOA 2003 s.83 to s.86), dated by the
    /// Europe/London date of <paramref name="notifyTime"/>. One that starts the yearly clock
    /// (<see cref="AnnualNotificationSchedule.ResetsClock"/>) satisfies the open initial and
    /// annual notification obligations and, when it is the latest and the next yearly one is due
    /// (not detained, requirements not ended), raises the next annual obligation a year later.
    /// A notification of travel changes no obligation.
    /// </summary>
    public NominalChange RecordNotification(NotificationKind kind, DateTimeOffset notifyTime, string actingUser, DateTimeOffset now)
    {
        if (!NotificationPeriod.AppliesTo(Details.Category))
        {
            throw new RuleViolationException("R-NT1", "parent", "only a registered sexual offender is subject to notification");
        }
        var date = LocalDates.DateOf(notifyTime);
        if (date < Details.DateOfBirth)
        {
            throw ValidationFailedException.For("notify_time", "must not be before the date of birth");
        }
        var entry = new NotificationEntry(Guid.CreateVersion7(now).ToString("D"), kind, notifyTime, date, actingUser);
        var name = NotificationNames.Format(Id, entry.Id);
        var updated = this with { Management = Management with { Notifications = Kept([.. Management.Notifications.Append(entry).OrderBy(n => n.NotifyTime)]) } };
        if (!AnnualNotificationSchedule.ResetsClock(kind))
        {
            return NominalChange.Quiet(updated);
        }
        List<LedgerEntry> ledger = [new SatisfyOpenObligations([ObligationKind.InitialNotification, ObligationKind.AnnualNotification], name)];
        var next = date.AddYears(1);
        if (RegistrationRequirements.Of(updated).NextAnnualNotification == next)
        {
            ledger.Add(new RaiseObligation(ObligationKind.AnnualNotification, ObligationTriggers.Notification, $"annual:{entry.Id}", name, date, next));
        }
        return new NominalChange(updated, [], ledger);
    }

    /// <summary>
    /// Records an indefinite registrant's application for review (R-NT2), under the id the
    /// victims compartment records it by (R-VI4). Refused citing R-VI4 when the nominal is not on
    /// indefinite notification; citing R-NT2 while a sexual harm prevention order is in force on
    /// the application date, while the qualifying date cannot be determined, and before it.
    /// </summary>
    public NominalChange RecordReviewApplication(string applicationId, DateOnly applicationDate, string actingUser, DateTimeOffset now)
    {
        if (!NotificationPeriod.AppliesTo(Details.Category))
        {
            throw new RuleViolationException("R-VI4", "parent", "the nominal is not a registered sexual offender, so is not on notification");
        }
        var requirements = RegistrationRequirements.Of(this);
        if (!requirements.Indefinite)
        {
            throw new RuleViolationException("R-VI4", "parent", requirements.DischargedOnReview
                ? "the nominal's indefinite notification was discharged on review"
                : "the nominal is not on indefinite notification (R-NT1)");
        }
        if (Management.CivilOrders.Any(o => o.Type == CivilOrderType.Shpo && o.InForceOn(applicationDate)))
        {
            throw new RuleViolationException("R-NT2", "parent", "a sexual harm prevention order is in force: no review application is possible while it is");
        }
        var review = requirements.Review!;
        if (review.QualifyingDate is not { } qualifying)
        {
            throw new RuleViolationException("R-NT2", "application_date", "the qualifying date cannot be determined yet: " + review.WhyUndetermined);
        }
        if (applicationDate < qualifying)
        {
            throw new RuleViolationException("R-NT2", "application_date",
                $"is before the qualifying date {qualifying:yyyy-MM-dd}: 15 years after initial notification (8 if under 18 on the relevant date), the first after release for a custodial sentence, or a later further qualifying date");
        }
        if (Management.ReviewApplications.Count >= NominalManagement.MaxReviewApplications)
        {
            throw new PreconditionFailedException("REVIEW_APPLICATIONS_FULL", "parent",
                $"a nominal holds at most {NominalManagement.MaxReviewApplications} review applications");
        }
        var entry = new ReviewApplicationEntry(applicationId, applicationDate, qualifying, actingUser, now);
        return NominalChange.Quiet(this with { Management = Management with { ReviewApplications = [.. Management.ReviewApplications, entry] } });
    }

    /// <summary>
    /// Records the decision on a review application (R-NT2): DISCHARGED ends the indefinite
    /// requirements of the events up to the decision (<see cref="RegistrationRequirements"/>);
    /// REFUSED may set a further qualifying date, which then governs. A decided application
    /// cannot be decided again; an unknown one is NOT_FOUND under the name it was asked for.
    /// </summary>
    public NominalChange RecordReviewDecision(string applicationId, string applicationName, ReviewDecision decision, DateOnly decisionDate,
        DateOnly? furtherQualifyingDate, string rationale, string actingUser)
    {
        var existing = Management.ReviewApplications.FirstOrDefault(a => a.Id == applicationId)
            ?? throw new ResourceNotFoundException(applicationName);
        if (existing.Decided)
        {
            throw new PreconditionFailedException("REVIEW_DECIDED", "name", "the application has been decided already");
        }
        if (decisionDate < existing.ApplicationDate)
        {
            throw ValidationFailedException.For("decision_date", "must not be before the application date");
        }
        var decided = existing with
        {
            Decision = decision,
            DecisionDate = decisionDate,
            FurtherQualifyingDate = decision == ReviewDecision.Refused ? furtherQualifyingDate : null,
            Rationale = rationale.Trim(),
            DecidedBy = actingUser,
        };
        return NominalChange.Quiet(this with
        {
            Management = Management with { ReviewApplications = Management.ReviewApplications.Select(a => a.Id == applicationId ? decided : a).ToArray() },
        });
    }

    private static string SixWeeksKey(string eventId) => $"six-weeks:{eventId}";

    /// <summary>
    /// The most recent <see cref="NominalManagement.MaxNotifications"/> notifications, oldest
    /// first; the first after each recorded release is always kept, since review eligibility
    /// (R-NT2) counts from it.
    /// </summary>
    private IReadOnlyList<NotificationEntry> Kept(IReadOnlyList<NotificationEntry> notifications)
    {
        if (notifications.Count <= NominalManagement.MaxNotifications)
        {
            return notifications;
        }
        var anchors = Management.OffenceHistory.Where(e => e.ReleaseDate is not null)
            .Select(e => notifications.Where(n => n.NotifyDate >= e.ReleaseDate && n.Kind != NotificationKind.Travel).MinBy(n => n.NotifyDate)?.Id)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var room = Math.Max(0, NominalManagement.MaxNotifications - anchors.Count);
        var recent = notifications.Where(n => !anchors.Contains(n.Id)).TakeLast(room).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return notifications.Where(n => anchors.Contains(n.Id) || recent.Contains(n.Id)).ToArray();
    }
}
