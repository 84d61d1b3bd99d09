using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
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
        var nominal = AssessmentTestData.NewNominal();

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
        var assessment = AssessmentTestData.Overriding(AssessmentTestData.NewNominal(), RiskLevel.Medium, RiskLevel.High);
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
        var assessment = AssessmentTestData.Overriding(AssessmentTestData.NewNominal(), RiskLevel.High, RiskLevel.Low);
        assessment.OverrideJustification = "";

        await RpcAssert.RefusedByRuleAsync("R-AS3", "assessment.override_justification",
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment }, suite.As(TestData.NewForce(), "PC-1201", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_AS3_an_override_with_rationale_and_justification_keeps_the_tool_outcome_and_the_override()
    {
        var force = TestData.NewForce();
        var sent = AssessmentTestData.Overriding(AssessmentTestData.NewNominal(), RiskLevel.Medium, RiskLevel.VeryHigh);

        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = sent }, suite.As(force, "PC-1301", RoleSets.Mosovo))).Assessment;
        var read = (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(force, "PC-1301", RoleSets.Mosovo))).Assessment;

        Assert.Equal(RiskLevel.Medium, read.ToolOutcome);
        Assert.Equal(RiskLevel.VeryHigh, read.FinalLevel);
        Assert.True(read.Overridden);
        Assert.Equal(sent.OverrideRationale, read.OverrideRationale);
        Assert.Equal(sent.OverrideJustification, read.OverrideJustification);
    }

    [Fact]
    public async Task R_AS1_missing_who_may_be_affected_and_extent_is_invalid_argument_naming_both()
    {
        var assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal());
        assessment.AffectedGroups.Clear();
        assessment.Extent = "";

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment }, suite.As(TestData.NewForce(), "PC-1401", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["assessment.affected_groups", "assessment.extent"], e.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Force_scoping_another_forces_assessment_is_not_found_like_a_missing_one()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()) },
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
    public async Task Force_scoping_a_nominals_list_never_contains_another_forces_assessments()
    {
        var mine = TestData.NewForce();
        var theirs = TestData.NewForce();
        var nominal = AssessmentTestData.NewNominal();
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(mine, "PC-1601", RoleSets.Mosovo));
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(theirs, "PC-1602", RoleSets.Mosovo));

        var listed = await ListAllAsync(mine, nominal, pageSize: 10);

        var only = Assert.Single(listed);
        Assert.Equal(mine, only.ForceCode);
    }

    [Fact]
    public async Task A_nominals_list_pages_newest_first_without_repeats_or_other_nominals()
    {
        var force = TestData.NewForce();
        var nominal = AssessmentTestData.NewNominal();
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add((await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) },
                suite.As(force, "PC-1701", RoleSets.Mosovo))).Assessment.Name);
        }
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()) }, suite.As(force, "PC-1701", RoleSets.Mosovo));

        var listed = await ListAllAsync(force, nominal, pageSize: 2);

        Assert.Equal(names.AsEnumerable().Reverse(), listed.Select(a => a.Name));
    }

    [Fact]
    public async Task A_page_token_is_valid_only_for_the_nominal_it_came_from()
    {
        var force = TestData.NewForce();
        var nominal = AssessmentTestData.NewNominal();
        for (var i = 0; i < 2; i++)
        {
            await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, suite.As(force, "PC-1801", RoleSets.Mosovo));
        }
        var page = await Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal, PageSize = 1 }, suite.As(force, "PC-1801", RoleSets.Mosovo));

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = AssessmentTestData.NewNominal(), PageSize = 1, PageToken = page.NextPageToken },
                suite.As(force, "PC-1801", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal(["page_token"], e.ViolatedFields());
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_same_assessment_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var request = new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()), RequestId = Guid.NewGuid().ToString() };

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
        await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()), RequestId = requestId },
            suite.As(force, "PC-1911", RoleSets.Mosovo));

        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()), RequestId = requestId },
                suite.As(force, "PC-1911", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", e.ErrorInfo().Reason);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM assessments WHERE force_code = @force", force));
    }

    [Fact]
    public async Task The_wrong_role_is_permission_denied()
    {
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(AssessmentTestData.NewNominal()) },
                suite.As(TestData.NewForce(), "AN-2001", RoleSets.Analyst)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = AssessmentTestData.NewNominal() },
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
