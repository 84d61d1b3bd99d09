using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>R-AS8 through the gateway: a supervisor other than the author countersigns, once.</summary>
[Collection(SuiteCollection.Name)]
public sealed class CountersignTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_AS8_another_supervisor_countersigns_and_the_assessment_is_no_longer_draft()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3001", RoleSets.Mosovo);

        var countersigned = (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = draft.Etag },
            suite.As(force, "SGT-3002", RoleSets.Supervisor))).Assessment;
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, suite.As(force, "PC-3001", RoleSets.Mosovo))).Assessment;

        Assert.Equal(AssessmentState.Countersigned, read.State);
        Assert.Equal("SGT-3002", read.CountersignedBy);
        Assert.Equal("PC-3001", read.Author);
        Assert.NotNull(read.CountersignTime);
        Assert.NotEqual(draft.Etag, read.Etag);
        Assert.Equal(countersigned, read);
    }

    [Fact]
    public async Task R_AS8_the_author_cannot_countersign_their_own_even_as_a_supervisor()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "SGT-3101", RoleSets.Supervisor);

        await RpcAssert.RefusedByRuleAsync("R-AS8", "name",
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = draft.Etag },
                suite.As(force, "SGT-3101", RoleSets.Supervisor)).ResponseAsync);

        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, suite.As(force, "SGT-3101", RoleSets.Supervisor))).Assessment;
        Assert.Equal(AssessmentState.Draft, read.State);
        Assert.Equal(draft.Etag, read.Etag);
    }

    [Fact]
    public async Task R_AS8_only_a_supervisor_may_countersign()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3201", RoleSets.Mosovo);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = draft.Etag },
                suite.As(force, "PC-3202", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_AS8_a_countersigned_assessment_cannot_be_countersigned_again()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3301", RoleSets.Mosovo);
        var countersigned = (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = draft.Etag },
            suite.As(force, "SGT-3302", RoleSets.Supervisor))).Assessment;

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = countersigned.Etag },
                suite.As(force, "SGT-3303", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal("ALREADY_COUNTERSIGNED", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Countersigning_with_a_stale_etag_is_aborted_and_changes_nothing()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3401", RoleSets.Mosovo);

        var e = await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name, Etag = "\"41\"" },
                suite.As(force, "SGT-3402", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal("ETAG_MISMATCH", e.ErrorInfo().Reason);
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, suite.As(force, "PC-3401", RoleSets.Mosovo))).Assessment;
        Assert.Equal(AssessmentState.Draft, read.State);
    }

    [Fact]
    public async Task Countersigning_without_an_etag_is_invalid_argument()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3501", RoleSets.Mosovo);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = draft.Name },
                suite.As(force, "SGT-3502", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(["etag"], e.ViolatedFields());
    }

    [Fact]
    public async Task R_AS8_storage_refuses_a_countersignature_by_the_author_even_written_directly()
    {
        var force = TestData.NewForce();
        var draft = await CreateDraftAsync(force, "PC-3601", RoleSets.Mosovo);
        var id = draft.Name["assessments/".Length..];

        await using var db = await suite.Storage.OpenAsync("assessments");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.ExecuteAsync("UPDATE assessments SET state = 2, countersigned_by = author WHERE id = @id", new { id }));
    }

    private async Task<Assessment> CreateDraftAsync(string force, string author, string[] roles) =>
        (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) },
            suite.As(force, author, roles))).Assessment;
}
