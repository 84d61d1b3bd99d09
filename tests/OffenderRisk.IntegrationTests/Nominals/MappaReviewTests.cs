using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// MAPPA levels, their reviews and the MAPPA plan obligation through the gateway (R-MR2, R-MG1,
/// R-MG5, R-MR3, R-MR4). Dates are backdated where the contract accepts them (effective_date,
/// review_date), so a missed review is overdue today. The level 1 policy per risk level and the
/// bounds are unit-tested (MappaReviewTests in the unit tests).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class MappaReviewTests(SuiteFixture suite)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, London));

    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    private static DateOnly DateOf(CalendarDate d) => new(d.Year, d.Month, d.Day);

    private ObligationsService.ObligationsServiceClient Obligations => ObligationScenario.Client(suite);

    /// <summary>A nominal with the scenario's officer assigned (so the overdue list per officer shows its obligations).</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> AssignedAsync()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var assigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest
        {
            Name = created.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = created.Etag,
        }, s.AsSupervisor)).Nominal;
        return (s, assigned);
    }

    private static async Task<Nominal> SetLevelAsync(NominalScenario s, Nominal n, int level, DateOnly? effective) =>
        (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest
        {
            Name = n.Name, Category = 1, Level = level, Reason = "MAPPA meeting (fictional)", Etag = n.Etag,
            EffectiveDate = effective is { } e ? Date(e) : null,
        }, s.AsOfficer)).Nominal;

    private static async Task<RecordMappaReviewResponse> ReviewAsync(NominalScenario s, Nominal n, DateOnly on, int decision = 0, string rationale = "") =>
        await s.Client.RecordMappaReviewAsync(new RecordMappaReviewRequest
        {
            Parent = n.Name, Etag = n.Etag,
            Review = new MappaReview { ReviewDate = Date(on), Outcome = "Fictional review: plan on track.", LevelDecision = decision, Rationale = rationale },
        }, s.AsOfficer);

    private async Task<IReadOnlyList<Obligation>> OfKindAsync(NominalScenario s, Nominal n, ObligationKind kind) =>
        (await ObligationScenario.ListAsync(suite, s, n.Name)).Where(o => o.Kind == kind).ToList();

    [Theory]
    [InlineData(3, 56)]
    [InlineData(2, 112)]
    public async Task R_MR2_a_new_level_raises_a_review_due_8_or_16_weeks_after_the_date_it_was_set(int level, int days)
    {
        var (s, n) = await AssignedAsync();
        var effective = Today.AddDays(-10);

        var set = await SetLevelAsync(s, n, level, effective);

        Assert.Equal((level, Date(effective)), (set.Mappa.Level, set.Mappa.EffectiveDate));
        var review = Assert.Single(await OfKindAsync(s, n, ObligationKind.MappaReview));
        Assert.Equal((ObligationState.Open, "MAPPA_LEVEL_SET", Date(effective), Date(effective.AddDays(days))),
            (review.State, review.Trigger, review.TriggerDate, review.DueDate));
    }

    [Fact]
    public async Task R_MR2_an_unset_effective_date_is_today_and_level_1_is_reviewed_by_the_local_policy_for_an_unassessed_nominal()
    {
        var (s, n) = await AssignedAsync();

        var set = await SetLevelAsync(s, n, 1, null);

        var review = Assert.Single(await OfKindAsync(s, n, ObligationKind.MappaReview));
        Assert.Equal(set.Mappa.EffectiveDate, review.TriggerDate);
        // Rules:MappaLevel1ReviewDays:Unassessed, 112 days by default (appsettings.json).
        Assert.Equal(Date(DateOf(review.TriggerDate).AddDays(112)), review.DueDate);
        Assert.Empty(await OfKindAsync(s, n, ObligationKind.MappaPlan));
    }

    [Fact]
    public async Task R_MR2_the_review_counts_from_the_last_review_when_it_is_later_than_the_level_being_set()
    {
        var (s, n) = await AssignedAsync();
        var level2 = await SetLevelAsync(s, n, 2, Today.AddDays(-200));
        var reviewed = (await ReviewAsync(s, level2, Today.AddDays(-150))).Nominal;

        await SetLevelAsync(s, reviewed, 3, Today.AddDays(-170));

        var raised = (await OfKindAsync(s, n, ObligationKind.MappaReview)).Single(o => o.Trigger == "MAPPA_LEVEL_SET" && o.State == ObligationState.Open);
        Assert.Equal(Date(Today.AddDays(-150 + 56)), raised.DueDate);
    }

    [Fact]
    public async Task R_MR2_R_MR3_a_missed_review_shows_overdue_on_the_officers_list_until_a_review_satisfies_it()
    {
        var (s, n) = await AssignedAsync();
        var set = await SetLevelAsync(s, n, 3, Today.AddDays(-100));

        var overdue = await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest { Officer = NominalScenario.Officer }, s.AsSupervisor);
        var missed = Assert.Single(overdue.Obligations, o => o.Kind == ObligationKind.MappaReview);
        Assert.Equal((n.Name, Date(Today.AddDays(-44))), (missed.Nominal, missed.DueDate));

        var recorded = await ReviewAsync(s, set, Today.AddDays(-3));

        var after = await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest { Officer = NominalScenario.Officer }, s.AsSupervisor);
        Assert.DoesNotContain(after.Obligations, o => o.Kind == ObligationKind.MappaReview);
        var satisfied = (await OfKindAsync(s, n, ObligationKind.MappaReview)).Single(o => o.Name == missed.Name);
        Assert.Equal((ObligationState.Satisfied, recorded.Review.Name), (satisfied.State, satisfied.SatisfiedBy));
    }

    [Fact]
    public async Task R_MR2_a_review_is_kept_satisfies_the_open_review_raises_the_next_from_its_date_and_goes_on_the_feed()
    {
        var (s, n) = await AssignedAsync();
        var set = await SetLevelAsync(s, n, 3, Today.AddDays(-30));

        var response = await ReviewAsync(s, set, Today.AddDays(-10));

        var review = response.Review;
        Assert.StartsWith(n.Name + "/mappaReviews/", review.Name, StringComparison.Ordinal);
        Assert.Equal((3, 0, NominalScenario.Officer, Date(Today.AddDays(46))), (review.LevelBefore, review.LevelDecision, review.RecordedBy, review.NextReviewDue));
        Assert.Equal(review, Assert.Single(response.Nominal.MappaReviews));
        var reviews = await OfKindAsync(s, n, ObligationKind.MappaReview);
        Assert.Equal(2, reviews.Count);
        Assert.Equal((ObligationState.Satisfied, review.Name), (reviews.Single(o => o.Trigger == "MAPPA_LEVEL_SET").State, reviews.Single(o => o.Trigger == "MAPPA_LEVEL_SET").SatisfiedBy));
        var next = reviews.Single(o => o.Trigger == "MAPPA_REVIEW");
        Assert.Equal((ObligationState.Open, review.Name, review.NextReviewDue), (next.State, next.TriggerRecord, next.DueDate));
        var events = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(s.Force, "AN-FEED", RoleSets.Analyst));
        var recorded = Assert.Single(events.Events, e => e.Nominal == n.Name && e.Type == NominalEventType.MappaReviewRecorded);
        Assert.Equal((review.Name, "3"), (recorded.Attributes["mappa_review"], recorded.Attributes["mappa_level"]));
    }

    [Fact]
    public async Task R_MG1_a_review_deciding_a_new_level_keeps_it_in_the_MAPPA_history_as_set_on_the_review_date()
    {
        var (s, n) = await AssignedAsync();
        var set = await SetLevelAsync(s, n, 3, Today.AddDays(-60));

        var response = await ReviewAsync(s, set, Today.AddDays(-5), decision: 2, rationale: "Fictional: risk reduced, plan holds.");

        var nominal = response.Nominal;
        Assert.Equal((2, Date(Today.AddDays(-5))), (nominal.Mappa.Level, nominal.Mappa.EffectiveDate));
        Assert.Equal([3, 2], nominal.MappaHistory.Select(h => h.Level));
        Assert.Equal(Date(Today.AddDays(-5 + 112)), response.Review.NextReviewDue);
    }

    [Fact]
    public async Task R_AU3_a_review_changing_the_level_without_a_rationale_is_refused()
    {
        var (s, n) = await AssignedAsync();
        var set = await SetLevelAsync(s, n, 3, Today.AddDays(-60));

        await RpcAssert.RefusedByRuleAsync("R-AU3", "review.rationale", () => ReviewAsync(s, set, Today, decision: 1));
    }

    [Fact]
    public async Task R_MR2_a_nominal_with_no_MAPPA_level_has_no_review_to_record()
    {
        var (s, n) = await AssignedAsync();

        await RpcAssert.RefusedByRuleAsync("R-MR2", "parent", () => ReviewAsync(s, n, Today));
    }

    [Fact]
    public async Task R_MR2_a_review_dated_before_the_level_was_set_is_refused()
    {
        var (s, n) = await AssignedAsync();
        var set = await SetLevelAsync(s, n, 2, Today.AddDays(-20));

        await RpcAssert.RefusedByRuleAsync("R-MR2", "review.review_date", () => ReviewAsync(s, set, Today.AddDays(-21)));
    }

    [Fact]
    public async Task Dates_in_the_future_and_a_review_without_an_outcome_are_invalid()
    {
        var (s, n) = await AssignedAsync();

        var future = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => SetLevelAsync(s, n, 2, Today.AddDays(2)));
        Assert.Contains("effective_date", future.ViolatedFields());
        var set = await SetLevelAsync(s, n, 2, Today.AddDays(-2));
        var noOutcome = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.RecordMappaReviewAsync(new RecordMappaReviewRequest
        {
            Parent = n.Name, Etag = set.Etag, Review = new MappaReview { ReviewDate = Date(Today.AddDays(3)), LevelDecision = 4 },
        }, s.AsOfficer).ResponseAsync);
        Assert.Equal(["review.level_decision", "review.outcome", "review.review_date"], noOutcome.ViolatedFields().Order());
    }

    [Fact]
    public async Task R_MG5_level_2_raises_a_MAPPA_plan_obligation_due_28_days_after_it_was_set_and_level_3_after_it_adds_no_second()
    {
        var (s, n) = await AssignedAsync();
        var effective = Today.AddDays(-7);

        var level2 = await SetLevelAsync(s, n, 2, effective);
        await SetLevelAsync(s, level2, 3, Today);

        var plan = Assert.Single(await OfKindAsync(s, n, ObligationKind.MappaPlan));
        Assert.Equal((ObligationState.Open, Date(effective), Date(effective.AddDays(28))), (plan.State, plan.TriggerDate, plan.DueDate));
    }
}
