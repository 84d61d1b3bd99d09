using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>
/// R-AS2, R-AS8 and R-MR1 through the gateway: an ARMS with its OSP scores computed, submitted by
/// its author, returned with a reason, updated and resubmitted, countersigned by another
/// supervisor; a later countersigned ARMS supersedes it.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentLifecycleTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_AS8_an_ARMS_with_computed_OSP_scores_is_returned_with_a_reason_updated_resubmitted_and_countersigned()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var officer = suite.As(force, "PC-5001", RoleSets.Mosovo);

        var draft = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, officer)).Assessment;

        // R-AS2: TOOLS.md's worked example, computed by the service: 5 + 0 + 0 + 7 + 10 + 6 + 2 = 30 points, high.
        Assert.Equal(OspDcOutcome.Scored, draft.OspDc.Outcome);
        Assert.Equal(30, draft.OspDc.Points);
        Assert.Equal(RiskLevel.High, draft.OspDc.Band);
        Assert.Equal(new OspDcItems { ContactAdultSanctions = 5, AgeAtFollowUpStart = 7, AgeAtLastSexualSanction = 10, TotalSanctions = 6, StrangerVictim = 2 }, draft.OspDc.Items);
        Assert.Equal("OSP/DC TOOLS.md-v1", draft.OspDc.ToolVersion);
        Assert.Equal(RiskLevel.Low, draft.OspIic.Band);
        Assert.Equal("OSP/IIC TOOLS.md-v1", draft.OspIic.ToolVersion);
        Assert.Equal(RiskLevel.High, draft.ToolOutcome);
        Assert.Equal(RiskLevel.High, draft.FinalLevel);
        Assert.False(draft.Overridden);
        Assert.Equal(AssessmentState.Draft, draft.State);

        var submitted = (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, officer)).Assessment;
        Assert.Equal(AssessmentState.Submitted, submitted.State);
        Assert.NotNull(submitted.SubmitTime);

        var returned = (await Client.ReturnAssessmentAsync(new ReturnAssessmentRequest { Name = draft.Name, Etag = submitted.Etag, Reason = "The risk to children is understated." },
            suite.As(force, "SGT-5002", RoleSets.Supervisor))).Assessment;
        Assert.Equal(AssessmentState.Returned, returned.State);
        var kept = Assert.Single(returned.Returns);
        Assert.Equal(("SGT-5002", "The risk to children is understated."), (kept.ReturnedBy, kept.Reason));

        // The author raises the children's level above the computed outcome, with the reasons R-AS3 needs.
        var changed = AssessmentTestData.Overriding(nominal, RiskLevel.VeryHigh);
        changed.Name = draft.Name;
        changed.Etag = returned.Etag;
        var updated = (await Client.UpdateAssessmentAsync(new UpdateAssessmentRequest { Assessment = changed }, officer)).Assessment;
        Assert.Equal((RiskLevel.High, RiskLevel.VeryHigh, true, AssessmentState.Returned), (updated.ToolOutcome, updated.FinalLevel, updated.Overridden, updated.State));

        var resubmitted = (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = updated.Etag }, officer)).Assessment;
        var countersigned = (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = resubmitted.Etag },
            suite.As(force, "SGT-5003", RoleSets.Supervisor))).Assessment;
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, officer)).Assessment;

        Assert.Equal(AssessmentState.Countersigned, read.State);
        Assert.Equal("SGT-5003", read.CountersignedBy);
        Assert.NotNull(read.CountersignTime);
        Assert.True(read.Current);
        Assert.Empty(read.SupersededBy);
        Assert.Single(read.Returns);
        Assert.Equal(30, read.OspDc.Points);
        Assert.Equal(countersigned, read);
    }

    [Theory]
    [InlineData("SGT-5101")]
    [InlineData("sgt-5101")]
    public async Task R_AS8_the_author_cannot_countersign_their_own_even_as_a_supervisor_under_another_spelling(string supervisor)
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "SGT-5101", RoleSets.Supervisor);

        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
                suite.As(force, supervisor, RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.ReturnAssessmentAsync(new ReturnAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = "r" },
                suite.As(force, supervisor, RoleSets.Supervisor)).ResponseAsync);

        var read = await GetAsync(force, submitted.Name);
        Assert.Equal(AssessmentState.Submitted, read.State);
        Assert.Equal(submitted.Etag, read.Etag);
    }

    [Fact]
    public async Task R_AS8_a_draft_is_not_countersigned_or_returned_until_submitted()
    {
        var force = TestData.NewForce();
        var draft = await CreateAsync(force, "PC-5201");

        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, suite.As(force, "SGT-5202", RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.ReturnAssessmentAsync(new ReturnAssessmentRequest { Name = draft.Name, Etag = draft.Etag, Reason = "r" }, suite.As(force, "SGT-5202", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(AssessmentState.Draft, (await GetAsync(force, draft.Name)).State);
    }

    [Fact]
    public async Task R_AS8_only_the_author_submits_or_updates()
    {
        var force = TestData.NewForce();
        var draft = await CreateAsync(force, "PC-5301");
        var changed = AssessmentTestData.Agreeing(draft.Nominal);
        changed.Name = draft.Name;
        changed.Etag = draft.Etag;

        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, suite.As(force, "PC-5302", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.RefusedByRuleAsync("R-AS8", "assessment.name",
            () => Client.UpdateAssessmentAsync(new UpdateAssessmentRequest { Assessment = changed }, suite.As(force, "PC-5302", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(draft, await GetAsync(force, draft.Name));
    }

    [Fact]
    public async Task R_AS8_a_submitted_or_countersigned_assessment_cannot_be_updated_or_submitted_again()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5401", RoleSets.Mosovo);
        var changed = AssessmentTestData.Agreeing(submitted.Nominal);
        changed.Name = submitted.Name;
        changed.Etag = submitted.Etag;
        var author = suite.As(force, "PC-5401", RoleSets.Mosovo);

        await RpcAssert.RefusedByRuleAsync("R-AS8", "assessment.name",
            () => Client.UpdateAssessmentAsync(new UpdateAssessmentRequest { Assessment = changed }, author).ResponseAsync);
        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag }, author).ResponseAsync);
        var countersigned = (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(force, "SGT-5402", RoleSets.Supervisor))).Assessment;
        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = countersigned.Etag },
                suite.As(force, "SGT-5403", RoleSets.Supervisor)).ResponseAsync);
    }

    [Fact]
    public async Task R_AS8_a_later_countersigned_ARMS_supersedes_the_current_one_and_another_kind_does_not()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var first = await CountersignedAsync(force, AssessmentTestData.Agreeing(nominal));
        var judgement = AssessmentTestData.Agreeing(nominal, RiskLevel.Medium);
        judgement.Kind = AssessmentKind.RiskOfSeriousHarm;
        judgement.OspInputs = null;
        judgement.Arms = null;
        var otherKind = await CountersignedAsync(force, judgement);
        var second = await CountersignedAsync(force, AssessmentTestData.Agreeing(nominal));

        var firstRead = await GetAsync(force, first.Name);
        Assert.Equal(second.Name, firstRead.SupersededBy);
        Assert.False(firstRead.Current);
        Assert.Equal(AssessmentState.Countersigned, firstRead.State);
        Assert.True(second.Current);
        Assert.True((await GetAsync(force, otherKind.Name)).Current);
        Assert.Equal(RiskLevel.Unspecified, otherKind.ToolOutcome);
        var listed = (await Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, suite.As(force, "AN-5501", RoleSets.Analyst))).Assessments;
        Assert.Equal([second.Name, otherKind.Name], listed.Where(a => a.Current).Select(a => a.Name));
    }

    [Fact]
    public async Task R_AS8_only_a_supervisor_may_countersign_or_return()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5601", RoleSets.Mosovo);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag }, suite.As(force, "PC-5602", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.ReturnAssessmentAsync(new ReturnAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = "r" }, suite.As(force, "PC-5602", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_AS8_a_return_needs_its_reason()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5651", RoleSets.Mosovo);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.ReturnAssessmentAsync(new ReturnAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = " " }, suite.As(force, "SGT-5652", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(["reason"], e.ViolatedFields());
        Assert.Equal(AssessmentState.Submitted, (await GetAsync(force, submitted.Name)).State);
    }

    [Fact]
    public async Task Countersigning_with_a_stale_etag_is_aborted_and_changes_nothing()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5701", RoleSets.Mosovo);

        var e = await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = "\"41\"" }, suite.As(force, "SGT-5702", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal("ETAG_MISMATCH", e.ErrorInfo().Reason);
        Assert.Equal(AssessmentState.Submitted, (await GetAsync(force, submitted.Name)).State);
    }

    [Fact]
    public async Task Countersigning_without_an_etag_is_invalid_argument()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5801", RoleSets.Mosovo);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name }, suite.As(force, "SGT-5802", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(["etag"], e.ViolatedFields());
    }

    [Fact]
    public async Task R_AS8_storage_refuses_a_countersignature_by_the_author_even_written_directly_in_another_case()
    {
        var force = TestData.NewForce();
        var submitted = await SubmittedAsync(force, "PC-5901", RoleSets.Mosovo);
        var id = submitted.Name["assessments/".Length..];

        await using var db = await suite.Storage.OpenAsync("assessments");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.ExecuteAsync("UPDATE assessments SET state = 2, countersigned_by = lower(author), countersign_time = update_time WHERE id = @id", new { id }));
    }

    private async Task<Assessment> CreateAsync(string force, string author, string[]? roles = null, Assessment? assessment = null) =>
        (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment ?? AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) },
            suite.As(force, author, roles ?? RoleSets.Mosovo))).Assessment;

    private async Task<Assessment> SubmittedAsync(string force, string author, string[] roles, Assessment? assessment = null)
    {
        var draft = await CreateAsync(force, author, roles, assessment);
        return (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, suite.As(force, author, roles))).Assessment;
    }

    private async Task<Assessment> CountersignedAsync(string force, Assessment assessment)
    {
        var submitted = await SubmittedAsync(force, "PC-AUTHOR-5", RoleSets.Mosovo, assessment);
        return (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(force, "SGT-COUNTERSIGN-5", RoleSets.Supervisor))).Assessment;
    }

    private async Task<Assessment> GetAsync(string force, string name) =>
        (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = name }, suite.As(force, "AN-READ-5", RoleSets.Analyst))).Assessment;
}
