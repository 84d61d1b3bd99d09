using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.OffenceTestData;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// The offence history through the gateway: notification computed from every qualifying event from
/// its relevant date (R-NT1), notifications on their Europe/London date, review eligibility,
/// applications and decisions (R-NT2), and a further sexual offence (R-RM4). The boundaries of the
/// periods are unit-tested (NotificationPeriodTests); the main cases are proven here.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class NotificationLawTests(SuiteFixture suite)
{
    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);

    /// <summary>A registered sexual offender born in 1960 (an adult at every event recorded here).</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> AdultAsync()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.DateOfBirth = new CalendarDate { Year = 1960, Month = 1, Day = 1 });
        return (s, nominal);
    }

    private Task<RecordReviewApplicationResponse> ApplyAsync(NominalScenario s, Nominal nominal, DateOnly on) =>
        Victims.RecordReviewApplicationAsync(new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = Date(on) },
            suite.As(s.Force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync;

    [Fact]
    public async Task R_NT1_notification_runs_from_the_conviction_not_the_sentence()
    {
        var (s, nominal) = await AdultAsync();
        var recorded = await RecordAsync(s.Client, nominal,
            Conviction(new DateOnly(2024, 1, 2), Disposal.CommunityOrder, sentenced: new DateOnly(2024, 5, 20)), s.AsOfficer);

        var n = await s.GetAsync(nominal.Name);
        Assert.Equal(Date(new DateOnly(2029, 1, 2)), n.Notification.EndDate);
        Assert.False(n.Notification.Indefinite);
        var e = Assert.Single(n.OffenceHistory);
        Assert.Equal(Date(new DateOnly(2029, 1, 2)), e.NotificationEndDate);
        Assert.Equal(e.Name, n.Notification.GoverningEvent);
        Assert.StartsWith(nominal.Name + "/qualifyingEvents/", e.Name, StringComparison.Ordinal);
        Assert.Equal(NominalScenario.Officer, e.RecordedBy);
        Assert.Equal(recorded.Etag, n.Etag);
    }

    [Fact]
    public async Task R_NT1_a_caution_after_36_months_custody_leaves_notification_indefinite()
    {
        var (s, nominal) = await AdultAsync();
        var custody = await RecordAsync(s.Client, nominal,
            Conviction(new DateOnly(2015, 3, 2), Disposal.Custody, Months(36), new DateOnly(2015, 3, 30), new DateOnly(2017, 3, 30)), s.AsOfficer);
        await RecordAsync(s.Client, custody, new QualifyingEvent
        {
            Kind = QualifyingEventKind.Caution,
            RelevantDate = Date(new DateOnly(2020, 6, 1)),
            OffenceClass = OffenceClass.Other,
            Disposal = Disposal.Caution,
        }, s.AsOfficer);

        var n = await s.GetAsync(nominal.Name);
        Assert.True(n.Notification.Indefinite);
        Assert.Null(n.Notification.EndDate);
        Assert.Equal(2, n.OffenceHistory.Count);
        Assert.True(n.OffenceHistory[0].NotificationIndefinite);
        Assert.Equal(Date(new DateOnly(2022, 6, 1)), n.OffenceHistory[1].NotificationEndDate);
        Assert.Equal(n.OffenceHistory[0].Name, n.Notification.GoverningEvent);
    }

    [Fact]
    public async Task R_NT1_a_term_of_27_weeks_gives_10_years_and_a_later_shorter_period_does_not_shorten_it()
    {
        var (s, nominal) = await AdultAsync();
        var first = await RecordAsync(s.Client, nominal,
            Conviction(new DateOnly(2020, 3, 2), Disposal.Custody, new Term { Weeks = 27 }, new DateOnly(2020, 3, 20), new DateOnly(2020, 6, 20)), s.AsOfficer);
        await RecordAsync(s.Client, first,
            Conviction(new DateOnly(2022, 3, 2), Disposal.Custody, new Term { Weeks = 26 }, new DateOnly(2022, 3, 20), new DateOnly(2022, 6, 20)), s.AsOfficer);

        var n = await s.GetAsync(nominal.Name);
        Assert.Equal(Date(new DateOnly(2030, 3, 2)), n.OffenceHistory[0].NotificationEndDate);
        Assert.Equal(Date(new DateOnly(2029, 3, 2)), n.OffenceHistory[1].NotificationEndDate);
        Assert.Equal(Date(new DateOnly(2030, 3, 2)), n.Notification.EndDate);
    }

    [Fact]
    public async Task R_NT1_a_pending_sentence_leaves_the_end_open_until_the_sentence_is_recorded()
    {
        var (s, nominal) = await AdultAsync();
        var pending = await RecordAsync(s.Client, nominal, Conviction(new DateOnly(2025, 1, 6)), s.AsOfficer);
        Assert.True(pending.Notification.SentencePending);
        Assert.Null(pending.Notification.EndDate);
        Assert.Null(pending.OffenceHistory[0].NotificationEndDate);

        var sentenced = (await s.Client.UpdateQualifyingEventAsync(new UpdateQualifyingEventRequest
        {
            QualifyingEvent = new QualifyingEvent { Name = pending.OffenceHistory[0].Name, Disposal = Disposal.ConditionalDischarge, Term = new Term { Years = 3 }, SentenceDate = Date(new DateOnly(2025, 3, 3)) },
            UpdateMask = new FieldMask { Paths = { "disposal", "term", "sentence_date" } },
            Etag = pending.Etag,
        }, s.AsOfficer)).Nominal;

        Assert.False(sentenced.Notification.SentencePending);
        Assert.Equal(Date(new DateOnly(2028, 1, 6)), sentenced.Notification.EndDate); // the discharge's 3 years from the conviction
    }

    [Fact]
    public async Task R_NT1_a_violent_offender_has_an_offence_history_but_no_notification()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.Category = NominalCategory.ViolentOffender);
        var recorded = await RecordAsync(s.Client, nominal, Conviction(new DateOnly(2024, 1, 2), Disposal.Other, sentenced: new DateOnly(2024, 1, 2), offenceClass: OffenceClass.Violent), s.AsOfficer);

        Assert.Null(recorded.Notification);
        Assert.Single(recorded.OffenceHistory);
        await RpcAssert.RefusedByRuleAsync("R-NT1", "parent", () => NotifyAsync(s.Client, recorded, new DateOnly(2024, 1, 3), s.AsOfficer));
    }

    [Fact]
    public async Task Impossible_qualifying_events_are_invalid_argument()
    {
        var (s, nominal) = await AdultAsync();
        var e = Conviction(new DateOnly(2024, 3, 1), Disposal.CommunityOrder, new Term { Months = 5 }, new DateOnly(2024, 2, 1));
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.RecordQualifyingEventAsync(
            new RecordQualifyingEventRequest { Parent = nominal.Name, QualifyingEvent = e, Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(new[] { "qualifying_event.sentence_date", "qualifying_event.term" }, error.ViolatedFields().Order(StringComparer.Ordinal));

        var caution = new QualifyingEvent { Kind = QualifyingEventKind.Caution, RelevantDate = Date(new DateOnly(2024, 3, 1)), OffenceClass = OffenceClass.Sexual, Disposal = Disposal.Custody, Term = new Term() };
        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.RecordQualifyingEventAsync(
            new RecordQualifyingEventRequest { Parent = nominal.Name, QualifyingEvent = caution, Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(new[] { "qualifying_event.disposal", "qualifying_event.term" }, refused.ViolatedFields().Order(StringComparer.Ordinal));

        var beforeBirth = Conviction(new DateOnly(1959, 12, 31));
        var early = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.RecordQualifyingEventAsync(
            new RecordQualifyingEventRequest { Parent = nominal.Name, QualifyingEvent = beforeBirth, Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(["qualifying_event.relevant_date"], early.ViolatedFields());
    }

    [Fact]
    public async Task R_NT1_a_notification_at_00_30_London_time_on_a_summer_night_counts_on_the_London_date()
    {
        var (s, nominal) = await AdultAsync();
        var convicted = await RecordAsync(s.Client, nominal, Conviction(new DateOnly(2025, 1, 6), Disposal.CommunityOrder, sentenced: new DateOnly(2025, 2, 3)), s.AsOfficer);

        // 23:30 UTC on 14 July 2025 is 00:30 BST on 15 July.
        var notified = await NotifyAtAsync(s.Client, convicted, new DateTimeOffset(2025, 7, 14, 23, 30, 0, TimeSpan.Zero), s.AsOfficer, NotificationKind.Annual);

        var n = Assert.Single(notified.Notifications);
        Assert.Equal(Date(new DateOnly(2025, 7, 15)), n.NotifyDate);
        Assert.Equal(NotificationKind.Annual, n.Kind);
        Assert.Equal(Date(new DateOnly(2026, 7, 15)), notified.Notification.NextAnnualNotificationDate);
    }

    [Fact]
    public async Task R_NT2_review_eligibility_runs_from_the_first_notification_after_release_from_custody()
    {
        var (s, nominal) = await AdultAsync();
        var convicted = await RecordAsync(s.Client, nominal,
            Conviction(new DateOnly(2010, 1, 5), Disposal.Custody, new Term { Years = 10 }, new DateOnly(2010, 2, 1)), s.AsOfficer);
        Assert.True(convicted.Notification.InCustody);
        Assert.Null(convicted.Notification.ReviewEligibilityDate);
        Assert.Null(convicted.Notification.NextAnnualNotificationDate);

        var released = (await s.Client.UpdateQualifyingEventAsync(new UpdateQualifyingEventRequest
        {
            QualifyingEvent = new QualifyingEvent { Name = convicted.OffenceHistory[0].Name, ReleaseDate = Date(new DateOnly(2015, 2, 27)) },
            UpdateMask = new FieldMask { Paths = { "release_date" } },
            Etag = convicted.Etag,
        }, s.AsOfficer)).Nominal;
        Assert.False(released.Notification.InCustody);
        Assert.Null(released.Notification.ReviewEligibilityDate);
        Assert.Contains("since release", released.Notification.ReviewEligibilityUndeterminedReason, StringComparison.Ordinal);

        var notified = await NotifyAsync(s.Client, released, new DateOnly(2015, 3, 2), s.AsOfficer);
        Assert.Equal(Date(new DateOnly(2030, 3, 2)), notified.Notification.ReviewEligibilityDate); // not 2025
        Assert.Equal("", notified.Notification.ReviewEligibilityUndeterminedReason);
    }

    [Fact]
    public async Task R_NT2_an_application_is_refused_while_an_SHPO_is_in_force_and_before_the_qualifying_date_then_recorded_and_decided()
    {
        var (s, nominal) = await AdultAsync();
        var registrant = await ReleasedAndNotifiedAsync(s.Client, nominal, 36, new DateOnly(2005, 6, 1), s.AsOfficer);
        Assert.Equal(Date(new DateOnly(2020, 6, 1)), registrant.Notification.ReviewEligibilityDate);
        var withShpo = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Shpo, StartDate = Date(new DateOnly(2019, 1, 1)) },
            Etag = registrant.Etag,
        }, s.AsOfficer)).Nominal;

        await RpcAssert.RefusedByRuleAsync("R-NT2", "parent", () => ApplyAsync(s, nominal, new DateOnly(2024, 1, 2)));

        await s.Client.UpdateCivilOrderAsync(new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = withShpo.CivilOrders[0].Name, EndDate = Date(new DateOnly(2019, 12, 31)) },
            UpdateMask = new FieldMask { Paths = { "end_date" } },
            Etag = withShpo.Etag,
        }, s.AsOfficer);
        await RpcAssert.RefusedByRuleAsync("R-NT2", "application_date", () => ApplyAsync(s, nominal, new DateOnly(2020, 5, 31)));
        Assert.Empty((await s.GetAsync(nominal.Name)).ReviewApplications);

        var application = (await ApplyAsync(s, nominal, new DateOnly(2020, 6, 1))).Application;
        Assert.Equal(Date(new DateOnly(2020, 6, 1)), application.ReviewEligibilityDate);
        var applied = await s.GetAsync(nominal.Name);
        var onNominal = Assert.Single(applied.ReviewApplications);
        Assert.Equal(application.Name, onNominal.Name);
        Assert.Equal(ReviewDecision.Unspecified, onNominal.Decision);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => s.Client.RecordReviewDecisionAsync(new RecordReviewDecisionRequest
        {
            Name = application.Name, Decision = ReviewDecision.Refused, DecisionDate = Date(new DateOnly(2021, 1, 10)), Rationale = "r", Etag = applied.Etag,
        }, s.AsOfficer).ResponseAsync);
        var decided = (await s.Client.RecordReviewDecisionAsync(new RecordReviewDecisionRequest
        {
            Name = application.Name,
            Decision = ReviewDecision.Refused,
            DecisionDate = Date(new DateOnly(2021, 1, 10)),
            FurtherQualifyingDate = Date(new DateOnly(2028, 6, 1)),
            Rationale = "risk of sexual harm remains (fictional)",
            Etag = applied.Etag,
        }, s.AsSupervisor)).Nominal;

        var refused = Assert.Single(decided.ReviewApplications);
        Assert.Equal(ReviewDecision.Refused, refused.Decision);
        Assert.Equal(NominalScenario.Supervisor, refused.DecidedBy);
        Assert.Equal(Date(new DateOnly(2028, 6, 1)), decided.Notification.ReviewEligibilityDate);
        Assert.True(decided.Notification.Indefinite);
        await RpcAssert.RefusedByRuleAsync("R-NT2", "application_date", () => ApplyAsync(s, nominal, new DateOnly(2024, 1, 2)));
    }

    [Fact]
    public async Task R_NT2_a_further_qualifying_date_more_than_8_years_after_the_decision_is_invalid()
    {
        var (s, nominal) = await AdultAsync();
        await ReleasedAndNotifiedAsync(s.Client, nominal, 36, new DateOnly(2005, 6, 1), s.AsOfficer);
        var application = (await ApplyAsync(s, nominal, new DateOnly(2021, 1, 4))).Application;
        var current = await s.GetAsync(nominal.Name);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.RecordReviewDecisionAsync(new RecordReviewDecisionRequest
        {
            Name = application.Name,
            Decision = ReviewDecision.Refused,
            DecisionDate = Date(new DateOnly(2021, 1, 10)),
            FurtherQualifyingDate = Date(new DateOnly(2029, 1, 11)),
            Rationale = "r",
            Etag = current.Etag,
        }, s.AsSupervisor).ResponseAsync);
        Assert.Equal(["further_qualifying_date"], e.ViolatedFields());
        Assert.Equal("R-NT2", e.ErrorInfo().Metadata["rule_id"]);
    }

    [Fact]
    public async Task R_NT2_a_discharge_on_review_ends_notification()
    {
        var (s, nominal) = await AdultAsync();
        await ReleasedAndNotifiedAsync(s.Client, nominal, 36, new DateOnly(2005, 6, 1), s.AsOfficer);
        var application = (await ApplyAsync(s, nominal, new DateOnly(2021, 1, 4))).Application;
        var current = await s.GetAsync(nominal.Name);

        var discharged = (await s.Client.RecordReviewDecisionAsync(new RecordReviewDecisionRequest
        {
            Name = application.Name, Decision = ReviewDecision.Discharged, DecisionDate = Date(new DateOnly(2021, 3, 1)), Rationale = "no longer necessary (fictional)", Etag = current.Etag,
        }, s.AsSupervisor)).Nominal;

        Assert.True(discharged.Notification.DischargedOnReview);
        Assert.False(discharged.Notification.Indefinite);
        Assert.Equal(Date(new DateOnly(2021, 3, 1)), discharged.Notification.EndDate);
        Assert.Null(discharged.Notification.NextAnnualNotificationDate);
    }

    [Fact]
    public async Task R_RM4_a_further_sexual_offence_returns_a_reactive_nominal_to_active_management()
    {
        var (s, nominal) = await AdultAsync();
        var managed = await s.ManageAsync(nominal);
        var reactive = await s.PlaceOnReactiveAsync(managed);
        Assert.Equal(ManagementStatus.Reactive, reactive.ManagementStatus);

        var recorded = await RecordAsync(s.Client, reactive, Conviction(LocalToday().AddDays(-1)), s.AsOfficer);

        Assert.Equal(ManagementStatus.Active, recorded.ManagementStatus);
        var events = (await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(s.Force, "AN-FEED", ["analyst"])))
            .Events.Where(e => e.Nominal == nominal.Name).ToList();
        var qualifying = Assert.Single(events, e => e.Type == NominalEventType.QualifyingEventRecorded);
        Assert.Equal(recorded.OffenceHistory[0].Name, qualifying.Attributes["qualifying_event"]);
        Assert.Equal("OFFENCE_CLASS_SEXUAL", qualifying.Attributes["offence_class"]);
        var returned = Assert.Single(events, e => e.Type == NominalEventType.StatusChanged && e.Attributes["trigger"] == "STATUS_CHANGE_TRIGGER_FURTHER_SEXUAL_OFFENCE");
        Assert.Equal(recorded.OffenceHistory[0].Name, returned.Attributes["trigger_record"]);
        Assert.Equal(StatusChangeTrigger.FurtherSexualOffence, recorded.StatusHistory[^1].Trigger);
    }

    [Fact]
    public async Task R_AS5_a_conviction_42_days_ago_without_a_sentence_has_an_open_ARMS_obligation_and_one_41_days_ago_has_none()
    {
        var today = LocalToday();
        var (s, day42) = await AdultAsync();
        var recorded = await RecordAsync(s.Client, day42, Conviction(today.AddDays(-42)), s.AsOfficer);
        var (s41, day41) = await AdultAsync();
        await RecordAsync(s41.Client, day41, Conviction(today.AddDays(-41)), s41.AsOfficer);

        var arms = await PollAsync(async () => (await ObligationScenario.ListAsync(suite, s, day42.Name)).FirstOrDefault(o => o.Kind == ObligationKind.Arms));
        Assert.NotNull(arms);
        Assert.Equal(ObligationState.Open, arms.State);
        Assert.Equal("CONVICTION_WITHOUT_SENTENCE", arms.Trigger);
        Assert.Equal(recorded.OffenceHistory[0].Name, arms.TriggerRecord);
        Assert.Equal(Date(today), arms.TriggerDate);
        Assert.DoesNotContain(await ObligationScenario.ListAsync(suite, s41, day41.Name), o => o.Kind == ObligationKind.Arms);
    }

    [Fact]
    public async Task R_MR4_a_notification_satisfies_the_open_initial_notification_and_raises_the_next_annual_one()
    {
        var today = LocalToday();
        var (s, nominal) = await AdultAsync();
        var convicted = await RecordAsync(s.Client, nominal, Conviction(today.AddDays(-10), Disposal.CommunityOrder, sentenced: today.AddDays(-10)), s.AsOfficer);
        var initial = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => o.Kind == ObligationKind.InitialNotification);
        Assert.Equal(Date(today.AddDays(-7)), initial.DueDate); // 3 days from the conviction (SOA 2003 s.83)
        Assert.True(initial.Overdue);

        var notified = await NotifyAtAsync(s.Client, convicted, DateTimeOffset.UtcNow.AddMinutes(-5), s.AsOfficer);
        var notification = Assert.Single(notified.Notifications);

        var obligations = await ObligationScenario.ListAsync(suite, s, nominal.Name);
        var satisfied = Assert.Single(obligations, o => o.Kind == ObligationKind.InitialNotification);
        Assert.Equal(ObligationState.Satisfied, satisfied.State);
        Assert.Equal(notification.Name, satisfied.SatisfiedBy);
        var annual = Assert.Single(obligations, o => o.Kind == ObligationKind.AnnualNotification);
        Assert.Equal(ObligationState.Open, annual.State);
        var notifiedOn = ToDate(notification.NotifyDate);
        Assert.Equal(Date(notifiedOn.AddYears(1)), annual.DueDate);
        Assert.Equal(Date(notifiedOn.AddYears(1)), notified.Notification.NextAnnualNotificationDate);
    }

    private static async Task<T?> PollAsync<T>(Func<Task<T?>> read) where T : class
    {
        // The ledger's sweep announces scheduled obligations that have arisen; allow it ~15 s.
        for (var i = 0; i < 30; i++)
        {
            if (await read() is { } found)
            {
                return found;
            }
            await Task.Delay(500);
        }
        return null;
    }

    /// <summary>Today in England and Wales.</summary>
    private static DateOnly LocalToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
}
