using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The offence history on the nominal, called directly: notification from every event (R-NT1),
/// review eligibility and applications (R-NT2), the ledger entries of the six-week rule (R-AS5)
/// and of notifications (R-MR4), and a further sexual offence (R-RM4). Dates are hand-computed.
/// </summary>
public sealed class OffenceHistoryTests
{
    // Friday 27 November 2026, 10:00 UTC (10:00 in London).
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static ArmsSchedule Arms() => new(new WorkingDayCalendar(), Options.Create(new NominalRules()));

    private static NominalRecord Nominal(DateOnly? dob = null, NominalCategory category = NominalCategory.RegisteredSexualOffender,
        ManagementStatus status = ManagementStatus.Active)
    {
        var n = IntelligenceRulesTests.Nominal("MO-1");
        return n with { Status = status, Details = n.Details with { DateOfBirth = dob ?? new DateOnly(1970, 1, 1), Category = category } };
    }

    private static QualifyingEventRecord Event(Disposal disposal, SentenceTerm? term = null, DateOnly? relevant = null,
        DateOnly? sentenced = null, DateOnly? released = null, string id = "e1", OffenceClass offenceClass = OffenceClass.Sexual,
        QualifyingEventKind kind = QualifyingEventKind.Conviction) =>
        NotificationPeriodTests.Event(disposal, term, relevant, kind, sentenced, released, id, offenceClass);

    private static NominalRecord With(NominalRecord n, params QualifyingEventRecord[] events) =>
        events.Aggregate(n, (x, e) => x.RecordQualifyingEvent(e, "MO-1", Now, Arms()).Nominal);

    private static NominalRecord Notified(NominalRecord n, DateOnly on, NotificationKind kind = NotificationKind.Initial) =>
        n.RecordNotification(kind, new DateTimeOffset(on.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero), "PC-DESK", Now).Nominal;

    // --- R-NT1 over the whole history ---

    [Fact]
    public void R_NT1_a_later_shorter_period_does_not_shorten_notification()
    {
        var n = With(Nominal(),
            Event(Disposal.Custody, new SentenceTerm(0, 12, 0, 0), new DateOnly(2010, 1, 10), released: new DateOnly(2010, 7, 1), id: "custody"),
            Event(Disposal.Caution, relevant: new DateOnly(2015, 5, 1), id: "caution"));

        var r = RegistrationRequirements.Of(n);
        Assert.False(r.Indefinite);
        Assert.Equal(new DateOnly(2020, 1, 10), r.EndDate); // 10 years from the 2010 conviction, not 2017-05-01
        Assert.Equal("custody", r.GoverningEvent);
        Assert.Equal(new DateOnly(2017, 5, 1), r.Periods["caution"].EndDate);
    }

    [Fact]
    public void R_NT1_a_caution_after_an_indefinite_custody_keeps_notification_indefinite()
    {
        var n = With(Nominal(),
            Event(Disposal.Custody, new SentenceTerm(0, 36, 0, 0), new DateOnly(2010, 1, 10), id: "custody"),
            Event(Disposal.Caution, relevant: new DateOnly(2020, 5, 1), id: "caution"));

        var r = RegistrationRequirements.Of(n);
        Assert.True(r.Indefinite);
        Assert.Null(r.EndDate);
        Assert.Equal("custody", r.GoverningEvent);
    }

    [Fact]
    public void R_NT1_a_later_longer_period_governs()
    {
        var n = With(Nominal(),
            Event(Disposal.Caution, relevant: new DateOnly(2019, 5, 1), id: "caution"),
            Event(Disposal.CommunityOrder, relevant: new DateOnly(2024, 1, 2), sentenced: new DateOnly(2024, 5, 20), id: "community"));

        var r = RegistrationRequirements.Of(n);
        Assert.Equal(new DateOnly(2029, 1, 2), r.EndDate);
        Assert.Equal("community", r.GoverningEvent);
    }

    [Fact]
    public void R_NT1_a_pending_sentence_makes_the_end_undeterminable()
    {
        var n = With(Nominal(),
            Event(Disposal.Caution, relevant: new DateOnly(2019, 5, 1), id: "caution"),
            Event(Disposal.Unspecified, relevant: new DateOnly(2026, 11, 1), id: "pending"));

        var r = RegistrationRequirements.Of(n);
        Assert.True(r.SentencePending);
        Assert.Null(r.EndDate);
        Assert.False(r.Indefinite);
        Assert.False(r.Periods.ContainsKey("pending"));
    }

    [Fact]
    public void R_NT1_custody_without_a_release_is_in_custody_and_no_annual_notification_is_due()
    {
        var n = Notified(With(Nominal(), Event(Disposal.Custody, new SentenceTerm(1, 0, 0, 0), new DateOnly(2026, 1, 5))), new DateOnly(2026, 1, 6));
        var r = RegistrationRequirements.Of(n);
        Assert.True(r.InCustody);
        Assert.Null(r.NextAnnualNotification);
    }

    [Fact]
    public void R_NT1_the_next_annual_notification_is_a_year_after_the_last_that_starts_the_clock()
    {
        var n = With(Nominal(), Event(Disposal.CommunityOrder, relevant: new DateOnly(2024, 1, 2)));
        n = Notified(n, new DateOnly(2024, 1, 4));
        n = Notified(n, new DateOnly(2024, 6, 10), NotificationKind.ChangeOfDetails);
        n = Notified(n, new DateOnly(2024, 8, 1), NotificationKind.Travel);

        Assert.Equal(new DateOnly(2025, 6, 10), RegistrationRequirements.Of(n).NextAnnualNotification);
    }

    // --- R-NT2: review eligibility ---

    /// <summary>The case: 10 years' custody passed in 2010, released in 2015, first notification after release 2015-03-02.</summary>
    private static NominalRecord TenYearsCustodyReleased2015() =>
        Notified(
            Notified(With(Nominal(), Event(Disposal.Custody, new SentenceTerm(10, 0, 0, 0), new DateOnly(2010, 1, 5), new DateOnly(2010, 2, 1),
                new DateOnly(2015, 2, 27), id: "custody")), new DateOnly(2010, 1, 6)), // notified before custody: does not count
            new DateOnly(2015, 3, 2));

    [Fact]
    public void R_NT2_review_eligibility_runs_from_the_first_notification_after_release()
    {
        var r = RegistrationRequirements.Of(TenYearsCustodyReleased2015());

        Assert.True(r.Indefinite);
        Assert.Equal(new DateOnly(2030, 3, 2), r.Review!.QualifyingDate); // not 2025 (sentence + 15)
    }

    [Fact]
    public void R_NT2_review_eligibility_is_undeterminable_while_detained_or_before_a_notification_after_release()
    {
        var detained = With(Nominal(), Event(Disposal.Custody, new SentenceTerm(10, 0, 0, 0), new DateOnly(2010, 1, 5)));
        var inCustody = RegistrationRequirements.Of(detained).Review!;
        Assert.Null(inCustody.QualifyingDate);
        Assert.Contains("detained", inCustody.WhyUndetermined, StringComparison.Ordinal);

        var released = detained.UpdateQualifyingEvent("e1", "e1", e => e with { ReleaseDate = new DateOnly(2015, 2, 27) }).Nominal;
        var notYet = RegistrationRequirements.Of(released).Review!;
        Assert.Null(notYet.QualifyingDate);
        Assert.Contains("since release", notYet.WhyUndetermined, StringComparison.Ordinal);
    }

    [Fact]
    public void R_NT2_eight_years_for_a_person_under_18_on_the_relevant_date()
    {
        var n = With(Nominal(new DateOnly(1993, 6, 1)), // 16 on 2010-01-05
            Event(Disposal.Custody, new SentenceTerm(3, 0, 0, 0), new DateOnly(2010, 1, 5), new DateOnly(2010, 2, 1), new DateOnly(2011, 8, 1)));
        n = Notified(n, new DateOnly(2011, 8, 3));

        var r = RegistrationRequirements.Of(n);
        Assert.True(r.Under18OnRelevantDate);
        Assert.Equal(new DateOnly(2019, 8, 3), r.Review!.QualifyingDate);
    }

    [Fact]
    public void R_NT2_an_application_before_the_qualifying_date_is_refused()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            TenYearsCustodyReleased2015().RecordReviewApplication("a1", new DateOnly(2030, 3, 1), "VLO-1", Now));
        Assert.Equal("R-NT2", e.RuleId);
        Assert.Equal("application_date", e.Field);
    }

    [Fact]
    public void R_NT2_an_application_on_the_qualifying_date_is_recorded_on_the_nominal()
    {
        var applied = TenYearsCustodyReleased2015().RecordReviewApplication("a1", new DateOnly(2030, 3, 2), "VLO-1", Now).Nominal;

        var a = Assert.Single(applied.Management.ReviewApplications);
        Assert.Equal("a1", a.Id);
        Assert.Equal(new DateOnly(2030, 3, 2), a.QualifyingDate);
        Assert.False(a.Decided);
    }

    [Fact]
    public void R_NT2_an_application_is_refused_while_an_SHPO_is_in_force()
    {
        var n = TenYearsCustodyReleased2015();
        n = n with
        {
            Management = n.Management with { CivilOrders = [new CivilOrderRecord("o1", CivilOrderType.Shpo, "", new DateOnly(2015, 2, 27), null, false)] },
        };
        var e = Assert.Throws<RuleViolationException>(() => n.RecordReviewApplication("a1", new DateOnly(2031, 1, 1), "VLO-1", Now));
        Assert.Equal("R-NT2", e.RuleId);
        Assert.Equal("parent", e.Field);
    }

    [Fact]
    public void R_NT2_an_application_once_an_SHPO_has_ended_is_recorded()
    {
        var n = TenYearsCustodyReleased2015();
        n = n with
        {
            Management = n.Management with { CivilOrders = [new CivilOrderRecord("o1", CivilOrderType.Shpo, "", new DateOnly(2015, 2, 27), new DateOnly(2030, 12, 31), false)] },
        };
        Assert.Single(n.RecordReviewApplication("a1", new DateOnly(2031, 1, 1), "VLO-1", Now).Nominal.Management.ReviewApplications);
    }

    [Fact]
    public void R_VI4_a_finite_registrant_cannot_apply()
    {
        var n = With(Nominal(), Event(Disposal.Custody, new SentenceTerm(0, 24, 0, 0), new DateOnly(2005, 1, 5), released: new DateOnly(2006, 1, 5)));
        var e = Assert.Throws<RuleViolationException>(() => n.RecordReviewApplication("a1", new DateOnly(2024, 1, 2), "VLO-1", Now));
        Assert.Equal("R-VI4", e.RuleId);
        Assert.Equal("parent", e.Field);
    }

    [Fact]
    public void R_VI4_a_violent_offender_is_not_on_notification_so_cannot_apply()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Nominal(category: NominalCategory.ViolentOffender).RecordReviewApplication("a1", new DateOnly(2024, 1, 2), "VLO-1", Now));
        Assert.Equal("R-VI4", e.RuleId);
    }

    [Fact]
    public void R_NT2_a_refusal_with_a_further_qualifying_date_makes_that_date_govern()
    {
        var applied = TenYearsCustodyReleased2015().RecordReviewApplication("a1", new DateOnly(2030, 4, 1), "VLO-1", Now).Nominal;
        var refused = applied.RecordReviewDecision("a1", "a1", ReviewDecision.Refused, new DateOnly(2030, 9, 1), new DateOnly(2035, 9, 1), "risk remains", "SGT-1").Nominal;

        Assert.Equal(new DateOnly(2035, 9, 1), RegistrationRequirements.Of(refused).Review!.QualifyingDate);
        var e = Assert.Throws<RuleViolationException>(() => refused.RecordReviewApplication("a2", new DateOnly(2035, 8, 31), "VLO-1", Now));
        Assert.Equal("R-NT2", e.RuleId);
        var decided = Assert.Single(refused.Management.ReviewApplications);
        Assert.Equal(ReviewDecision.Refused, decided.Decision);
        Assert.Equal("SGT-1", decided.DecidedBy);
    }

    [Fact]
    public void R_NT2_a_discharge_ends_notification_on_the_decision_date()
    {
        var applied = TenYearsCustodyReleased2015().RecordReviewApplication("a1", new DateOnly(2030, 4, 1), "VLO-1", Now).Nominal;
        var discharged = applied.RecordReviewDecision("a1", "a1", ReviewDecision.Discharged, new DateOnly(2030, 9, 1), null, "no longer necessary", "SGT-1").Nominal;

        var r = RegistrationRequirements.Of(discharged);
        Assert.True(r.DischargedOnReview);
        Assert.False(r.Indefinite);
        Assert.Equal(new DateOnly(2030, 9, 1), r.EndDate);
        Assert.Throws<PreconditionFailedException>(() =>
            discharged.RecordReviewDecision("a1", "a1", ReviewDecision.Refused, new DateOnly(2030, 9, 2), null, "again", "SGT-1"));
    }

    // --- R-AS5: the six-week rule, as ledger entries ---

    [Fact]
    public void R_AS5_a_conviction_without_a_sentence_schedules_an_ARMS_arising_on_day_42()
    {
        // Convicted Friday 2026-10-16: day 42 is Friday 2026-11-27; 15 working days later is Friday 2026-12-18.
        var change = Nominal().RecordQualifyingEvent(Event(Disposal.Unspecified, relevant: new DateOnly(2026, 10, 16)), "MO-1", Now, Arms());

        var arms = Assert.Single(change.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.Arms);
        Assert.Equal(ObligationTriggers.ConvictionWithoutSentence, arms.Trigger);
        Assert.Equal("six-weeks:e1", arms.TriggerKey);
        Assert.Equal(new DateOnly(2026, 11, 27), arms.TriggerDate);
        Assert.Equal(new DateOnly(2026, 11, 27), arms.ArisesOn);
        Assert.Equal(new DateOnly(2026, 12, 18), arms.DueDate);
        Assert.EndsWith("/qualifyingEvents/e1", arms.TriggerRecord, StringComparison.Ordinal);
    }

    [Fact]
    public void R_AS5_a_conviction_sentenced_within_six_weeks_raises_no_ARMS()
    {
        var change = Nominal().RecordQualifyingEvent(
            Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 10, 1), sentenced: new DateOnly(2026, 11, 11)), "MO-1", Now, Arms());
        Assert.DoesNotContain(change.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.Arms);
    }

    [Fact]
    public void R_AS5_a_conviction_sentenced_on_day_42_or_later_raises_the_ARMS_it_required()
    {
        var change = Nominal().RecordQualifyingEvent(
            Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 10, 1), sentenced: new DateOnly(2026, 11, 12)), "MO-1", Now, Arms());
        var arms = Assert.Single(change.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.Arms);
        Assert.Equal(new DateOnly(2026, 11, 12), arms.ArisesOn);
    }

    [Fact]
    public void R_AS5_a_caution_raises_no_ARMS()
    {
        var change = Nominal().RecordQualifyingEvent(Event(Disposal.Caution, relevant: new DateOnly(2026, 10, 1)), "MO-1", Now, Arms());
        Assert.DoesNotContain(change.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.Arms);
    }

    [Fact]
    public void R_AS5_recording_the_sentence_withdraws_the_scheduled_ARMS()
    {
        var pending = Nominal().RecordQualifyingEvent(Event(Disposal.Unspecified, relevant: new DateOnly(2026, 11, 1)), "MO-1", Now, Arms()).Nominal;
        var change = pending.UpdateQualifyingEvent("e1", "e1", e => e with { Disposal = Disposal.CommunityOrder, SentenceDate = new DateOnly(2026, 11, 20) });

        var withdraw = Assert.IsType<WithdrawScheduledObligation>(Assert.Single(change.LedgerEntries));
        Assert.Equal("six-weeks:e1", withdraw.TriggerKey);
        Assert.Equal(new DateOnly(2031, 11, 1), RegistrationRequirements.Of(change.Nominal).EndDate);
    }

    [Fact]
    public void An_unknown_qualifying_event_is_not_found() =>
        Assert.Throws<ResourceNotFoundException>(() => Nominal().UpdateQualifyingEvent("nope", "nominals/x/qualifyingEvents/nope", e => e));

    // --- Initial and annual notification obligations (SOA 2003 s.83, s.85; R-MR4) ---

    [Fact]
    public void A_release_raises_an_initial_notification_due_within_3_days()
    {
        var detained = With(Nominal(), Event(Disposal.Custody, new SentenceTerm(2, 0, 0, 0), new DateOnly(2025, 1, 6)));
        var change = detained.UpdateQualifyingEvent("e1", "nominals/x/qualifyingEvents/e1", e => e with { ReleaseDate = new DateOnly(2026, 11, 20) });

        var initial = Assert.IsType<RaiseObligation>(Assert.Single(change.LedgerEntries));
        Assert.Equal(ObligationKind.InitialNotification, initial.Kind);
        Assert.Equal(ObligationTriggers.Release, initial.Trigger);
        Assert.Equal("release:e1", initial.TriggerKey);
        Assert.Equal(new DateOnly(2026, 11, 20), initial.TriggerDate);
        Assert.Equal(new DateOnly(2026, 11, 23), initial.DueDate);
    }

    [Fact]
    public void A_release_of_a_violent_offender_raises_no_notification_obligation()
    {
        var detained = With(Nominal(category: NominalCategory.ViolentOffender), Event(Disposal.Custody, new SentenceTerm(2, 0, 0, 0), new DateOnly(2025, 1, 6)));
        Assert.Empty(detained.UpdateQualifyingEvent("e1", "e1", e => e with { ReleaseDate = new DateOnly(2026, 11, 20) }).LedgerEntries);
    }

    [Fact]
    public void A_first_conviction_of_a_registrant_not_detained_raises_an_initial_notification_from_the_relevant_date()
    {
        var change = Nominal().RecordQualifyingEvent(Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 11, 2), sentenced: new DateOnly(2026, 11, 20)), "MO-1", Now, Arms());
        var initial = Assert.Single(change.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.InitialNotification);
        Assert.Equal(new DateOnly(2026, 11, 5), initial.DueDate);
    }

    [Fact]
    public void A_conviction_to_custody_or_of_someone_who_notified_before_raises_no_initial_notification()
    {
        var custody = Nominal().RecordQualifyingEvent(Event(Disposal.Custody, new SentenceTerm(1, 0, 0, 0), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20)), "MO-1", Now, Arms());
        Assert.DoesNotContain(custody.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.InitialNotification);

        var notified = Notified(With(Nominal(), Event(Disposal.Caution, relevant: new DateOnly(2025, 1, 2), id: "c")), new DateOnly(2025, 1, 3));
        var again = notified.RecordQualifyingEvent(Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 11, 2), sentenced: new DateOnly(2026, 11, 20)), "MO-1", Now, Arms());
        Assert.DoesNotContain(again.LedgerEntries.OfType<RaiseObligation>(), r => r.Kind == ObligationKind.InitialNotification);
    }

    [Fact]
    public void A_notification_satisfies_the_open_notification_obligations_and_raises_the_next_annual_one()
    {
        var n = With(Nominal(), Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 1, 5)));
        var change = n.RecordNotification(NotificationKind.Initial, new DateTimeOffset(2026, 1, 7, 10, 0, 0, TimeSpan.Zero), "PC-DESK", Now);

        var entry = Assert.Single(change.Nominal.Management.Notifications);
        var satisfy = Assert.IsType<SatisfyOpenObligations>(change.LedgerEntries[0]);
        Assert.Equal([ObligationKind.InitialNotification, ObligationKind.AnnualNotification], satisfy.Kinds);
        Assert.EndsWith("/notifications/" + entry.Id, satisfy.SatisfiedBy, StringComparison.Ordinal);
        var annual = Assert.IsType<RaiseObligation>(change.LedgerEntries[1]);
        Assert.Equal(ObligationKind.AnnualNotification, annual.Kind);
        Assert.Equal(ObligationTriggers.Notification, annual.Trigger);
        Assert.Equal("annual:" + entry.Id, annual.TriggerKey);
        Assert.Equal(new DateOnly(2026, 1, 7), annual.TriggerDate);
        Assert.Equal(new DateOnly(2027, 1, 7), annual.DueDate);
    }

    [Fact]
    public void A_notification_while_detained_raises_no_annual_obligation()
    {
        var n = With(Nominal(), Event(Disposal.Custody, new SentenceTerm(1, 0, 0, 0), new DateOnly(2026, 1, 5)));
        var change = n.RecordNotification(NotificationKind.Annual, new DateTimeOffset(2026, 6, 7, 10, 0, 0, TimeSpan.Zero), "PC-DESK", Now);
        Assert.IsType<SatisfyOpenObligations>(Assert.Single(change.LedgerEntries));
    }

    [Fact]
    public void A_travel_notification_changes_no_obligation()
    {
        var n = With(Nominal(), Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 1, 5)));
        Assert.Empty(n.RecordNotification(NotificationKind.Travel, new DateTimeOffset(2026, 6, 7, 10, 0, 0, TimeSpan.Zero), "PC-DESK", Now).LedgerEntries);
    }

    [Fact]
    public void A_notification_at_00_30_London_summer_time_counts_on_the_London_date()
    {
        var n = With(Nominal(), Event(Disposal.CommunityOrder, relevant: new DateOnly(2026, 1, 5)));
        // 23:30 UTC on 14 July is 00:30 BST on 15 July.
        var change = n.RecordNotification(NotificationKind.Annual, new DateTimeOffset(2026, 7, 14, 23, 30, 0, TimeSpan.Zero), "PC-DESK", Now);
        Assert.Equal(new DateOnly(2026, 7, 15), Assert.Single(change.Nominal.Management.Notifications).NotifyDate);
        Assert.Equal(new DateOnly(2027, 7, 15), Assert.IsType<RaiseObligation>(change.LedgerEntries[1]).DueDate);
    }

    [Fact]
    public void R_NT1_only_a_registered_sexual_offender_notifies()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Nominal(category: NominalCategory.PotentiallyDangerousPerson).RecordNotification(NotificationKind.Initial, Now, "PC-DESK", Now));
        Assert.Equal("R-NT1", e.RuleId);
    }

    // --- R-RM4, the feed, and the bounds ---

    [Fact]
    public void R_RM4_a_further_sexual_offence_returns_a_reactive_nominal_to_active_management()
    {
        var change = Nominal(status: ManagementStatus.Reactive).RecordQualifyingEvent(Event(Disposal.Unspecified, relevant: new DateOnly(2026, 11, 20)), "MO-1", Now, Arms());

        Assert.Equal(ManagementStatus.Active, change.Nominal.Status);
        Assert.Contains(change.Events, e => e.Type == NominalEventType.StatusChanged);
        Assert.Contains(change.WorkItemsToOpen, w => w.Kind == WorkItemKind.ReturnedToActive);
        var recorded = Assert.Single(change.Events, e => e.Type == NominalEventType.QualifyingEventRecorded);
        Assert.EndsWith("/qualifyingEvents/e1", recorded.Attributes!["qualifying_event"], StringComparison.Ordinal);
        Assert.Equal(OffenceClass.Sexual, recorded.Codes!["offence_class"]);
    }

    [Fact]
    public void R_RM4_a_non_sexual_offence_leaves_a_reactive_nominal_reactive()
    {
        var change = Nominal(status: ManagementStatus.Reactive).RecordQualifyingEvent(
            Event(Disposal.Unspecified, relevant: new DateOnly(2026, 11, 20), offenceClass: OffenceClass.Violent), "MO-1", Now, Arms());
        Assert.Equal(ManagementStatus.Reactive, change.Nominal.Status);
        Assert.Empty(change.WorkItemsToOpen);
    }

    [Fact]
    public void A_relevant_date_before_the_date_of_birth_is_invalid()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            Nominal(new DateOnly(1990, 1, 1)).RecordQualifyingEvent(Event(Disposal.Caution, relevant: new DateOnly(1989, 12, 31)), "MO-1", Now, Arms()));
        Assert.Equal("qualifying_event.relevant_date", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void The_offence_history_is_bounded()
    {
        var n = Nominal();
        n = n with { Management = n.Management with { OffenceHistory = Enumerable.Range(0, NominalManagement.MaxQualifyingEvents).Select(i => Event(Disposal.Caution, id: "c" + i)).ToArray() } };
        Assert.Throws<PreconditionFailedException>(() => n.RecordQualifyingEvent(Event(Disposal.Caution, id: "more"), "MO-1", Now, Arms()));
    }

    [Fact]
    public void Notifications_keep_the_most_recent_and_the_first_after_each_release()
    {
        var n = With(Nominal(), Event(Disposal.Custody, new SentenceTerm(10, 0, 0, 0), new DateOnly(2000, 1, 5), new DateOnly(2000, 2, 1), new DateOnly(2001, 2, 27)));
        n = Notified(n, new DateOnly(2001, 3, 2));
        var start = new DateTimeOffset(2002, 1, 1, 10, 0, 0, TimeSpan.Zero);
        n = n with
        {
            Management = n.Management with
            {
                Notifications = [.. n.Management.Notifications, .. Enumerable.Range(0, NominalManagement.MaxNotifications)
                    .Select(i => new NotificationEntry("w" + i, NotificationKind.ChangeOfDetails, start.AddDays(7 * i), DateOnly.FromDateTime(start.AddDays(7 * i).Date), "PC"))],
            },
        };
        var after = Notified(n, new DateOnly(2026, 1, 2), NotificationKind.Annual);

        Assert.Equal(NominalManagement.MaxNotifications, after.Management.Notifications.Count);
        Assert.Equal(new DateOnly(2001, 3, 2), after.Management.Notifications[0].NotifyDate);
        Assert.Equal(new DateOnly(2026, 1, 2), after.Management.Notifications[^1].NotifyDate);
        Assert.Equal(new DateOnly(2016, 3, 2), RegistrationRequirements.Of(after).Review!.QualifyingDate);
    }
}
