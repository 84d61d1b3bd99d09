using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Assessments;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// The NIM target profile flag through the gateway (R-MG6, R-AU3): a countersigned VERY_HIGH
/// assessment flags the nominal by default (through the assessments feed); a supervisor removes it
/// only with a rationale, and sets it again; every change is kept.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class TargetProfileTests(SuiteFixture suite)
{
    private const string Countersigner = "SGT-NIM-2";
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(20);

    private AssessmentsService.AssessmentsServiceClient Assessments => new(suite.Channel);

    /// <summary>An ARMS at <paramref name="level"/>, submitted by the officer and countersigned by another supervisor.</summary>
    private async Task<Assessment> CountersignedAsync(NominalScenario s, string nominal, RiskLevel level)
    {
        // The worked example computes high: another overall level is an override with its reasons (R-AS3).
        var shaped = level == RiskLevel.High ? AssessmentTestData.Agreeing(nominal) : AssessmentTestData.Overriding(nominal, level);
        var draft = (await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = shaped }, s.AsOfficer)).Assessment;
        var submitted = (await Assessments.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, s.AsOfficer)).Assessment;
        return (await Assessments.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(s.Force, Countersigner, RoleSets.Supervisor))).Assessment;
    }

    private async Task<Nominal> OnceItKnowsAsync(NominalScenario s, string nominal, string assessment)
    {
        Nominal? read = null;
        await IdentityScenario.EventuallyAsync(async () =>
        {
            read = await s.GetAsync(nominal);
            return read.AssessmentHistory.Any(a => a.Assessment == assessment);
        }, FeedWait, "the nominal to know the countersigned assessment");
        return read!;
    }

    private static Task<SetTargetProfileResponse> SetAsync(NominalScenario s, Nominal n, bool flagged, string rationale) =>
        s.Client.SetTargetProfileAsync(new SetTargetProfileRequest { Name = n.Name, Flagged = flagged, Rationale = rationale, Etag = n.Etag }, s.AsSupervisor).ResponseAsync;

    [Fact]
    public async Task R_MG6_a_countersigned_VERY_HIGH_assessment_flags_the_nominal_by_default_naming_it_and_its_countersigner()
    {
        var (s, n) = await NominalScenario.CreateAsync(suite);

        var assessment = await CountersignedAsync(s, n.Name, RiskLevel.VeryHigh);

        var known = await OnceItKnowsAsync(s, n.Name, assessment.Name);
        Assert.Equal((true, Countersigner, assessment.Name), (known.TargetProfile.Flagged, known.TargetProfile.SetBy, known.TargetProfile.Assessment));
        Assert.Equal(known.TargetProfile, Assert.Single(known.TargetProfileHistory));
    }

    [Fact]
    public async Task R_MG6_a_countersigned_HIGH_assessment_does_not_flag()
    {
        var (s, n) = await NominalScenario.CreateAsync(suite);

        var assessment = await CountersignedAsync(s, n.Name, RiskLevel.High);

        var known = await OnceItKnowsAsync(s, n.Name, assessment.Name);
        Assert.Null(known.TargetProfile);
        Assert.Empty(known.TargetProfileHistory);
    }

    [Fact]
    public async Task R_MG6_removing_the_flag_needs_a_rationale_and_the_removal_and_a_new_setting_are_kept()
    {
        var (s, n) = await NominalScenario.CreateAsync(suite);
        var flagged = (await SetAsync(s, n, true, "")).Nominal;
        Assert.Equal((true, NominalScenario.Supervisor), (flagged.TargetProfile.Flagged, flagged.TargetProfile.SetBy));

        await RpcAssert.RefusedByRuleAsync("R-MG6", "rationale", () => SetAsync(s, flagged, false, " "));

        var removed = (await SetAsync(s, flagged, false, "Fictional: managed under the MAPPA plan instead.")).Nominal;
        Assert.Equal((false, "Fictional: managed under the MAPPA plan instead."), (removed.TargetProfile.Flagged, removed.TargetProfile.Reason));
        var again = (await SetAsync(s, removed, true, "Fictional: new intelligence.")).Nominal;
        Assert.Equal([true, false, true], again.TargetProfileHistory.Select(t => t.Flagged));
    }

    [Fact]
    public async Task R_MG6_only_a_supervisor_sets_the_flag()
    {
        var (s, n) = await NominalScenario.CreateAsync(suite);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () =>
            s.Client.SetTargetProfileAsync(new SetTargetProfileRequest { Name = n.Name, Flagged = true, Etag = n.Etag }, s.AsOfficer).ResponseAsync);
    }
}
