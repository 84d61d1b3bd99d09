using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>Assessments through the gateway: create, read, list, force scoping and idempotency.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentRecordTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_AS8_a_created_assessment_is_a_draft_of_the_authors_force_and_reads_back()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);

        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) },
            suite.As(force, "PC-1001", RoleSets.Mosovo))).Assessment;
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(force, "AN-1002", RoleSets.Analyst))).Assessment;

        Assert.StartsWith("assessments/", created.Name, StringComparison.Ordinal);
        Assert.Equal(nominal, read.Nominal);
        Assert.Equal(force, read.ForceCode);
        Assert.Equal("PC-1001", read.Author);
        Assert.Equal(AssessmentState.Draft, read.State);
        Assert.Empty(read.CountersignedBy);
        Assert.Null(read.CountersignTime);
        Assert.False(read.Overridden);
        Assert.NotEmpty(read.Etag);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task R_AS3_an_override_without_a_rationale_is_refused_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var assessment = AssessmentTestData.Overriding(await AssessmentTestData.NominalOfAsync(suite, force), RiskLevel.VeryHigh);
        assessment.OverrideRationale = "";

        var e = await RpcAssert.RefusedByRuleAsync("R-AS3", "assessment.override_rationale",
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment }, suite.As(force, "PC-1101", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("RULE_VIOLATION", e.ErrorInfo().Reason);
        Assert.Equal("assessments.offenderrisk", e.ErrorInfo().Domain);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", force));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", force));
    }

    [Fact]
    public async Task R_AS3_an_override_without_a_justification_is_refused()
    {
        var force = TestData.NewForce();
        var assessment = AssessmentTestData.Overriding(await AssessmentTestData.NominalOfAsync(suite, force), RiskLevel.Low);
        assessment.OverrideJustification = "";

        await RpcAssert.RefusedByRuleAsync("R-AS3", "assessment.override_justification",
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment }, suite.As(force, "PC-1201", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_AS3_an_override_with_rationale_and_justification_keeps_the_computed_tool_outcome_and_the_override()
    {
        var force = TestData.NewForce();
        var sent = AssessmentTestData.Overriding(await AssessmentTestData.NominalOfAsync(suite, force), RiskLevel.VeryHigh);

        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = sent }, suite.As(force, "PC-1301", RoleSets.Mosovo))).Assessment;
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(force, "PC-1301", RoleSets.Mosovo))).Assessment;

        Assert.Equal(RiskLevel.High, read.ToolOutcome);
        Assert.Equal(RiskLevel.VeryHigh, read.FinalLevel);
        Assert.True(read.Overridden);
        Assert.Equal(sent.OverrideRationale, read.OverrideRationale);
        Assert.Equal(sent.OverrideJustification, read.OverrideJustification);
    }

    [Fact]
    public async Task R_AS1_missing_who_may_be_affected_and_extent_is_invalid_argument_naming_both()
    {
        var force = TestData.NewForce();
        var assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force));
        assessment.GroupLevels.RemoveAt(2);
        assessment.Extent = "";

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment }, suite.As(force, "PC-1401", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["assessment.extent", "assessment.group_levels"], e.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Force_scoping_another_forces_assessment_is_not_found_like_a_missing_one()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, owner)) },
            suite.As(owner, "PC-1501", RoleSets.Mosovo))).Assessment;

        var get = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(other, "SGT-1502", RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = created.Name, Etag = created.Etag }, suite.As(other, "SGT-1502", RoleSets.Supervisor)).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetAssessmentAsync(new GetAssessmentRequest { Name = "assessments/" + Guid.NewGuid() }, suite.As(other, "SGT-1502", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, get.ErrorInfo().Reason);
        var stored = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(owner, "PC-1501", RoleSets.Mosovo))).Assessment;
        Assert.Equal(AssessmentState.Draft, stored.State);
    }

    [Fact]
    public async Task Another_forces_nominal_is_not_found_to_create_or_list_under_and_nothing_is_written()
    {
        var mine = TestData.NewForce();
        var theirs = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, mine);
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(mine, "PC-1601", RoleSets.Mosovo));

        var create = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(theirs, "PC-1602", RoleSets.Mosovo)).ResponseAsync);
        var list = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, suite.As(theirs, "AN-1603", RoleSets.Analyst)).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.MissingNominal()) },
                suite.As(theirs, "PC-1602", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, create.ErrorInfo().Reason);
        Assert.Equal("RESOURCE_NOT_FOUND", list.ErrorInfo().Reason);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", theirs));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", theirs));
        Assert.Equal(mine, Assert.Single(await ListAllAsync(mine, nominal, pageSize: 10)).ForceCode);
    }

    [Fact]
    public async Task A_nominal_that_does_not_exist_is_not_found_to_create_or_list_under_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var nominal = AssessmentTestData.MissingNominal();

        var requestId = Guid.NewGuid().ToString();

        var create = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal), RequestId = requestId },
                suite.As(force, "PC-1651", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, suite.As(force, "AN-1652", RoleSets.Analyst)).ResponseAsync);

        Assert.Contains(nominal, create.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", force));
        await using (var db = await suite.Storage.OpenAsync("assessments"))
        {
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys WHERE request_id = @requestId", new { requestId }));
        }
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", force));
    }

    [Fact]
    public async Task A_nominals_list_pages_newest_first_without_repeats_or_other_nominals()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add((await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) },
                suite.As(force, "PC-1701", RoleSets.Mosovo))).Assessment.Name);
        }
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) }, suite.As(force, "PC-1701", RoleSets.Mosovo));

        var listed = await ListAllAsync(force, nominal, pageSize: 2);

        Assert.Equal(names.AsEnumerable().Reverse(), listed.Select(a => a.Name));
    }

    [Fact]
    public async Task A_page_token_is_valid_only_for_the_nominal_it_came_from()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        for (var i = 0; i < 2; i++)
        {
            await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(force, "PC-1801", RoleSets.Mosovo));
        }
        var page = await Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal, PageSize = 1 }, suite.As(force, "PC-1801", RoleSets.Mosovo));
        var other = await AssessmentTestData.NominalOfAsync(suite, force);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = other, PageSize = 1, PageToken = page.NextPageToken },
                suite.As(force, "PC-1801", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal(["page_token"], e.ViolatedFields());
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_same_assessment_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var request = new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)), RequestId = Guid.NewGuid().ToString() };

        var first = await Client.CreateAssessmentAsync(request, suite.As(force, "PC-1901", RoleSets.Mosovo));
        var second = await Client.CreateAssessmentAsync(request, suite.As(force, "PC-1901", RoleSets.Mosovo));

        Assert.Equal(first.Assessment, second.Assessment);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", force));
    }

    [Fact]
    public async Task A_request_id_reused_for_a_different_assessment_is_already_exists()
    {
        var force = TestData.NewForce();
        var requestId = Guid.NewGuid().ToString();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal), RequestId = requestId },
            suite.As(force, "PC-1911", RoleSets.Mosovo));

        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Overriding(nominal, RiskLevel.VeryHigh), RequestId = requestId },
                suite.As(force, "PC-1911", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", e.ErrorInfo().Reason);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", force));
    }

    [Fact]
    public async Task The_wrong_role_is_permission_denied()
    {
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.MissingNominal()) },
                suite.As(TestData.NewForce(), "AN-2001", RoleSets.Analyst)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = AssessmentTestData.MissingNominal() },
                suite.As(TestData.NewForce(), "PC-2002", RoleSets.Officer)).ResponseAsync);
    }

    private async Task<List<Assessment>> ListAllAsync(string force, string nominal, int pageSize)
    {
        var all = new List<Assessment>();
        var token = "";
        do
        {
            var page = await Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal, PageSize = pageSize, PageToken = token },
                suite.As(force, "AN-LIST", RoleSets.Analyst));
            Assert.True(page.Assessments.Count <= pageSize);
            all.AddRange(page.Assessments);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private async Task<long> CountAsync(string sql, string force)
    {
        await using var db = await suite.Storage.OpenAsync("assessments");
        return await db.ExecuteScalarAsync<long>(sql, new { force });
    }
}
