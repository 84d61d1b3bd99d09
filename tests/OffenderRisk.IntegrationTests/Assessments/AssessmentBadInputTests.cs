using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>
/// Bad input through the gateway (R-AS1, R-AS2, R-AS4, R-AS10, R-VI1): INVALID_ARGUMENT naming
/// each field by its path in the request, and nothing written, on create and on update.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentBadInputTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    /// <summary>Each case: what is spoilt, and the fields the refusal must name.</summary>
    private static readonly Dictionary<string, (Action<Assessment> Spoil, string[] Fields)> Cases = new()
    {
        ["rating outside the scale"] = (a => a.Arms.Ratings[3].Rating = "extreme", ["assessment.arms.ratings[3].rating"]),
        ["factor not on the list"] = (a => a.Arms.Ratings[1].Factor = "astrology", ["assessment.arms.ratings", "assessment.arms.ratings[1].factor"]),
        ["date of birth after the sanction date"] = (a => a.OspInputs.DateOfBirth = new CalendarDate { Year = 2025, Month = 1, Day = 1 },
            ["assessment.osp_inputs.date_of_birth"]),
        ["negative counts"] = (a => { a.OspInputs.TotalSanctions = -3; a.OspInputs.ContactChildSanctions = -1; },
            ["assessment.osp_inputs.contact_child_sanctions", "assessment.osp_inputs.total_sanctions"]),
        ["follow-up before the last sanction"] = (a => a.OspInputs.FollowUpStartDate = new CalendarDate { Year = 2024, Month = 1, Day = 1 },
            ["assessment.osp_inputs.follow_up_start_date"]),
        ["oversized text"] = (a => { a.Likelihood = new string('x', 4001); a.Arms.Ratings[0].Evidence = new string('x', 4001); },
            ["assessment.arms.ratings[0].evidence", "assessment.likelihood"]),
        ["too many victims"] = (a => a.Victims.Victims.Add(Enumerable.Range(0, 51).Select(_ => $"{a.Nominal}/victims/{Guid.NewGuid()}")),
            ["assessment.victims.victims"]),
        ["a group twice"] = (a => a.GroupLevels[2].Group = AffectedGroup.Children, ["assessment.group_levels", "assessment.group_levels[2].group"]),
        ["no risk-to-children source"] = (a => a.RiskToChildren.InformationSources.Clear(), ["assessment.risk_to_children.information_sources"]),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_on_create_is_invalid_argument_naming_the_fields_and_nothing_is_written(string spoilt)
    {
        var force = TestData.NewForce();
        var (spoil, fields) = Cases[spoilt];
        var assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force));
        spoil(assessment);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = assessment, RequestId = Guid.NewGuid().ToString() },
                suite.As(force, "PC-7001", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(fields, e.ViolatedFields().Order(StringComparer.Ordinal));
        await using var db = await suite.Storage.OpenAsync("assessments");
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessments WHERE force_code = @force", new { force }));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", new { force }));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_on_update_is_invalid_argument_and_the_assessment_is_unchanged(string spoilt)
    {
        var force = TestData.NewForce();
        var (spoil, fields) = Cases[spoilt];
        var author = suite.As(force, "PC-7101", RoleSets.Mosovo);
        var draft = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) }, author)).Assessment;
        var changed = AssessmentTestData.Agreeing(draft.Nominal);
        changed.Name = draft.Name;
        changed.Etag = draft.Etag;
        spoil(changed);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.UpdateAssessmentAsync(new UpdateAssessmentRequest { Assessment = changed }, author).ResponseAsync);

        Assert.Equal(fields, e.ViolatedFields().Order(StringComparer.Ordinal));
        Assert.Equal(draft, (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, author)).Assessment);
    }

    [Fact]
    public async Task The_nominal_and_kind_of_an_assessment_cannot_change()
    {
        var force = TestData.NewForce();
        var author = suite.As(force, "PC-7201", RoleSets.Mosovo);
        var draft = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) }, author)).Assessment;
        var changed = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force));
        changed.Kind = AssessmentKind.RiskOfSeriousHarm;
        changed.Arms = null;
        changed.Name = draft.Name;
        changed.Etag = draft.Etag;

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.UpdateAssessmentAsync(new UpdateAssessmentRequest { Assessment = changed }, author).ResponseAsync);

        Assert.Equal(["assessment.kind", "assessment.nominal"], e.ViolatedFields().Order(StringComparer.Ordinal));
    }
}
