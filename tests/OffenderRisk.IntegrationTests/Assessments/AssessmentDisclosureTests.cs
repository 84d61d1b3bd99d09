using System.Text.Json;
using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>R-AS6 and R-AU1 through the gateway: a countersigned outcome is shared with a named agency, listed on the assessment and audited with its recipient.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentDisclosureTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    private static Disclosure ToChildrensServices() => new()
    {
        RecipientAgency = RecipientAgency.ChildrensSocialCare,
        RecipientName = "Example County Council Children's Services",
        Purpose = "Safeguarding strategy meeting (fictional).",
    };

    [Fact]
    public async Task R_AS6_a_countersigned_assessment_is_disclosed_listed_on_it_and_audited_with_the_recipient()
    {
        var force = TestData.NewForce();
        var countersigned = await CountersignedAsync(force);

        var disclosed = (await Client.DiscloseAssessmentAsync(new DiscloseAssessmentRequest { Name = countersigned.Name, Disclosure = ToChildrensServices(), RequestId = Guid.NewGuid().ToString() },
            suite.As(force, "PC-6001", RoleSets.Mosovo))).Assessment;

        var listed = Assert.Single(disclosed.Disclosures);
        Assert.Equal((RecipientAgency.ChildrensSocialCare, "Example County Council Children's Services", "PC-6001"), (listed.RecipientAgency, listed.RecipientName, listed.DisclosedBy));
        Assert.NotNull(listed.DiscloseTime);
        Assert.Equal(disclosed, (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = countersigned.Name }, suite.As(force, "PC-6001", RoleSets.Mosovo))).Assessment);
        var audited = Assert.Single(await AuditAsync(countersigned.Name, AuditOperation.Disclosure));
        Assert.Equal("PC-6001", audited.Actor);
        Assert.Equal(["RECIPIENT_AGENCY_CHILDRENS_SOCIAL_CARE: Example County Council Children's Services"], JsonSerializer.Deserialize<string[]>(audited.Recipients)!);
    }

    [Fact]
    public async Task R_AS6_a_repeated_request_id_discloses_once()
    {
        var force = TestData.NewForce();
        var countersigned = await CountersignedAsync(force);
        var request = new DiscloseAssessmentRequest { Name = countersigned.Name, Disclosure = ToChildrensServices(), RequestId = Guid.NewGuid().ToString() };

        await Client.DiscloseAssessmentAsync(request, suite.As(force, "PC-6101", RoleSets.Mosovo));
        var again = (await Client.DiscloseAssessmentAsync(request, suite.As(force, "PC-6101", RoleSets.Mosovo))).Assessment;

        Assert.Single(again.Disclosures);
        Assert.Single(await AuditAsync(countersigned.Name, AuditOperation.Disclosure));
    }

    [Fact]
    public async Task R_AS6_a_draft_is_not_disclosed_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var draft = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) },
            suite.As(force, "PC-6201", RoleSets.Mosovo))).Assessment;

        await RpcAssert.RefusedByRuleAsync("R-AS6", "name",
            () => Client.DiscloseAssessmentAsync(new DiscloseAssessmentRequest { Name = draft.Name, Disclosure = ToChildrensServices() }, suite.As(force, "PC-6201", RoleSets.Mosovo)).ResponseAsync);

        Assert.Empty(await AuditAsync(draft.Name, AuditOperation.Disclosure));
        Assert.Equal(draft.Etag, (await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = draft.Name }, suite.As(force, "PC-6201", RoleSets.Mosovo))).Assessment.Etag);
    }

    [Fact]
    public async Task R_AS6_a_disclosure_names_a_known_agency_a_recipient_and_a_purpose()
    {
        var force = TestData.NewForce();
        var countersigned = await CountersignedAsync(force);
        var disclosure = new Disclosure { RecipientAgency = (RecipientAgency)42, RecipientName = new string('x', 201), Purpose = "" };

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.DiscloseAssessmentAsync(new DiscloseAssessmentRequest { Name = countersigned.Name, Disclosure = disclosure }, suite.As(force, "PC-6301", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["disclosure.purpose", "disclosure.recipient_agency", "disclosure.recipient_name"], e.ViolatedFields().Order(StringComparer.Ordinal));
        Assert.Empty(await AuditAsync(countersigned.Name, AuditOperation.Disclosure));
    }

    [Fact]
    public async Task R_AS4_the_ARMS_factor_list_is_served_current_or_by_version_and_an_unknown_version_is_invalid()
    {
        var reader = suite.As(TestData.NewForce(), "AN-6401", RoleSets.Analyst);

        var current = await Client.GetArmsFactorListAsync(new GetArmsFactorListRequest(), reader);
        var named = await Client.GetArmsFactorListAsync(new GetArmsFactorListRequest { Version = "arms-factors-v1" }, reader);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.GetArmsFactorListAsync(new GetArmsFactorListRequest { Version = "arms-factors-v0" }, reader).ResponseAsync);

        Assert.Equal("arms-factors-v1", current.Version);
        Assert.Equal((7, 4), (current.Factors.Count(f => f.Kind == "risk"), current.Factors.Count(f => f.Kind == "protective")));
        Assert.Equal(["low", "medium", "high"], current.Priorities);
        Assert.Contains(current.Ratings, r => r.Code == "some_evidence" && r.EvidenceRequired);
        Assert.Equal(current, named);
        Assert.Equal(["version"], e.ViolatedFields());
    }

    private async Task<Assessment> CountersignedAsync(string force)
    {
        var author = suite.As(force, "PC-AUTHOR-6", RoleSets.Mosovo);
        var draft = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) }, author)).Assessment;
        var submitted = (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = draft.Name, Etag = draft.Etag }, author)).Assessment;
        return (await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = submitted.Name, Etag = submitted.Etag },
            suite.As(force, "SGT-COUNTERSIGN-6", RoleSets.Supervisor))).Assessment;
    }

    private async Task<List<AuditedDisclosure>> AuditAsync(string subject, AuditOperation operation)
    {
        await using var db = await suite.Storage.OpenAsync("assessments");
        return (await db.QueryAsync<AuditedDisclosure>(
            "SELECT actor, recipients FROM audit_log WHERE subject = @subject AND operation = @operation ORDER BY sequence",
            new { subject, operation = (long)operation })).ToList();
    }

    public sealed class AuditedDisclosure
    {
        public string Actor { get; set; } = "";
        public string Recipients { get; set; } = "";
    }
}
