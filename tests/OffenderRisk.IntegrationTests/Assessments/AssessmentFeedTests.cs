using System.Globalization;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;
using AssessmentCommit = OffenderRisk.Contracts.Assessments.V1.CommitFeedPositionRequest;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>
/// The assessments change feed and the nominals service following it, through the gateway
/// (R-AS5, R-AS7, R-AS8, R-MR4): a countersigned ARMS satisfies the nominal's open ARMS obligation,
/// becomes its current assessment, and raises its next review due after the configured period.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentFeedTests(SuiteFixture suite)
{
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(20);

    private AssessmentsService.AssessmentsServiceClient Assessments => new(suite.Channel);

    /// <summary>A managed, police-led nominal whose lead agency then changed: one open ARMS obligation (R-AS5).</summary>
    private async Task<(NominalScenario S, Nominal Nominal)> WithOpenArmsObligationAsync()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var assigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = created.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = created.Etag }, s.AsSupervisor)).Nominal;
        var police = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = created.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = assigned.Etag }, s.AsOfficer)).Nominal;
        var probation = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = created.Name, LeadAgency = LeadAgency.Probation, Reason = "licence", Etag = police.Etag }, s.AsOfficer)).Nominal;
        var open = Assert.Single(await ObligationScenario.ListAsync(suite, s, created.Name));
        Assert.Equal((ObligationKind.Arms, ObligationState.Open), (open.Kind, open.State));
        return (s, probation);
    }

    private async Task<Assessment> CountersignedAsync(NominalScenario s, string nominal, RiskLevel level, AssessmentKind kind = AssessmentKind.Arms)
    {
        // The worked example computes high: another overall level is an override with its reasons (R-AS3).
        var shaped = level == RiskLevel.High ? AssessmentTestData.Agreeing(nominal) : AssessmentTestData.Overriding(nominal, level);
        shaped.Kind = kind;
        if (kind != AssessmentKind.Arms)
        {
            shaped.Arms = null;
        }
        var draft = (await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = shaped }, s.AsOfficer)).Assessment;
        var submitted = (await Assessments.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, s.AsOfficer)).Assessment;
        return (await Assessments.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(s.Force, "SGT-FEED-2", RoleSets.Supervisor))).Assessment;
    }

    private async Task<AssessmentEvent> CountersignedEventAsync(string force, string assessment)
    {
        AssessmentEvent? found = null;
        await IdentityScenario.EventuallyAsync(async () =>
        {
            var page = await Assessments.ListAssessmentEventsAsync(new ListAssessmentEventsRequest { PageSize = 500 }, suite.As(force, "SGT-FEED-READ", RoleSets.Supervisor));
            found = page.Events.SingleOrDefault(e => e.Assessment == assessment);
            return found is not null;
        }, FeedWait, "the countersigned event on the assessments feed");
        return found!;
    }

    private async Task<Nominal> NominalOnceItKnowsAsync(NominalScenario s, string nominal, string assessment)
    {
        Nominal? read = null;
        await IdentityScenario.EventuallyAsync(async () =>
        {
            read = (await s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal }, s.AsOfficer)).Nominal;
            return read.AssessmentHistory.Any(a => a.Assessment == assessment);
        }, FeedWait, "the nominal to know the countersigned assessment");
        return read!;
    }

    private static CalendarDate DateOf(string isoDate)
    {
        var d = DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }

    private static CalendarDate MonthsAfter(string isoDate, int months)
    {
        var d = DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(months);
        return new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }

    [Fact]
    public async Task R_AS7_a_countersigned_ARMS_satisfies_the_open_ARMS_obligation_becomes_current_and_raises_its_review_due_per_level()
    {
        var (s, nominal) = await WithOpenArmsObligationAsync();
        var leadAgencyObligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));

        var assessment = await CountersignedAsync(s, nominal.Name, RiskLevel.High);
        var e = await CountersignedEventAsync(s.Force, assessment.Name);
        var read = await NominalOnceItKnowsAsync(s, nominal.Name, assessment.Name);

        Assert.Equal(new AssessedLevel
        {
            Assessment = assessment.Name, Kind = AssessmentKind.Arms, Level = RiskLevel.High, CountersignDate = DateOf(e.Attributes["countersign_date"]),
        }, read.CurrentAssessment);
        // R-AS10: the conclusion is the assessment's, linked to it, recorded by its countersigner.
        Assert.Equal((Contracts.Nominals.V1.RiskToChildrenConclusion.PosesRisk, assessment.Name, "SGT-FEED-2"),
            (read.RiskToChildren.Conclusion, read.RiskToChildren.Assessment, read.RiskToChildren.RecordedBy));
        Assert.Equal(read.RiskToChildren, Assert.Single(read.RiskToChildrenHistory));
        var obligations = await ObligationScenario.ListAsync(suite, s, nominal.Name);
        var satisfied = Assert.Single(obligations, o => o.Name == leadAgencyObligation.Name);
        Assert.Equal((ObligationState.Satisfied, assessment.Name), (satisfied.State, satisfied.SatisfiedBy));
        var review = Assert.Single(obligations, o => o.Name != leadAgencyObligation.Name);
        Assert.Equal((ObligationKind.Arms, ObligationState.Open, "ASSESSMENT_REVIEW", assessment.Name),
            (review.Kind, review.State, review.Trigger, review.TriggerRecord));
        // Local policy in services/Nominals/appsettings.json: a high level is reviewed after 3 months.
        Assert.Equal(DateOf(e.Attributes["countersign_date"]), review.TriggerDate);
        Assert.Equal(MonthsAfter(e.Attributes["countersign_date"], 3), review.DueDate);
    }

    [Fact]
    public async Task R_AS5_a_risk_of_serious_harm_assessment_sets_the_current_level_but_leaves_the_ARMS_obligation_open()
    {
        var (s, nominal) = await WithOpenArmsObligationAsync();

        var rosh = await CountersignedAsync(s, nominal.Name, RiskLevel.Low, AssessmentKind.RiskOfSeriousHarm);
        var read = await NominalOnceItKnowsAsync(s, nominal.Name, rosh.Name);

        Assert.Equal((AssessmentKind.RiskOfSeriousHarm, RiskLevel.Low), (read.CurrentAssessment.Kind, read.CurrentAssessment.Level));
        var only = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));
        Assert.Equal(ObligationState.Open, only.State);
    }

    [Fact]
    public async Task ListAssessmentEvents_gives_the_countersigned_event_with_its_codes_and_another_force_sees_nothing_of_it()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var assessment = await CountersignedAsync(s, created.Name, RiskLevel.Medium);

        var e = await CountersignedEventAsync(s.Force, assessment.Name);

        Assert.Equal((AssessmentEventType.Countersigned, created.Name, s.Force), (e.Type, e.Nominal, e.ForceCode));
        Assert.Equal("ASSESSMENT_KIND_ARMS", e.Attributes["kind"]);
        Assert.Equal("RISK_LEVEL_MEDIUM", e.Attributes["level"]);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z", e.Attributes["countersign_date"]);
        var other = TestData.NewForce();
        var theirView = await Assessments.ListAssessmentEventsAsync(new ListAssessmentEventsRequest { AfterSequence = e.Sequence - 1, PageSize = 500 },
            suite.As(other, "SGT-OTHER", RoleSets.Supervisor));
        Assert.DoesNotContain(theirView.Events, x => x.Assessment == assessment.Name || x.Nominal == created.Name);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => s.Client.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(other, "PC-OTHER", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = assessment.Name }, suite.As(other, "PC-OTHER", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task The_assessments_feed_is_not_for_officers_and_only_a_service_commits_a_position()
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var assessment = await CountersignedAsync(s, created.Name, RiskLevel.Low);
        var e = await CountersignedEventAsync(s.Force, assessment.Name);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Assessments.ListAssessmentEventsAsync(new ListAssessmentEventsRequest(), s.AsOfficer).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Assessments.CommitFeedPositionAsync(new AssessmentCommit { Consumer = "test-reader", Sequence = 1 }, s.AsSupervisor).ResponseAsync);

        var service = suite.As(s.Force, "svc:test", ["service"]);
        var consumer = "test-" + Guid.NewGuid().ToString("N")[..12];
        await Assessments.CommitFeedPositionAsync(new AssessmentCommit { Consumer = consumer, Sequence = e.Sequence - 1 }, service);
        var resumed = await Assessments.ListAssessmentEventsAsync(new ListAssessmentEventsRequest { Consumer = consumer, PageSize = 1 }, service);
        Assert.Equal(e.Sequence, Assert.Single(resumed.Events).Sequence);

        // A position past the end would skip events not yet written: refused, and the position stays.
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Assessments.CommitFeedPositionAsync(new AssessmentCommit { Consumer = consumer, Sequence = e.Sequence + 1_000_000 }, service).ResponseAsync);
        var still = await Assessments.ListAssessmentEventsAsync(new ListAssessmentEventsRequest { Consumer = consumer, PageSize = 1 }, service);
        Assert.Equal(e.Sequence, Assert.Single(still.Events).Sequence);
    }
}
