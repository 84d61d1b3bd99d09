using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>R-AU1 on the assessments service's own log.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AssessmentAuditTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);
    private AuditService.AuditServiceClient Audit => new(suite.Channel);

    [Fact]
    public async Task R_AU1_create_read_list_submit_and_countersign_each_write_one_entry_and_a_supersession_one_more()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var author = suite.As(force, "PC-4001", RoleSets.Mosovo, justification: "Annual review");
        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, author)).Assessment;
        await Client.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, suite.As(force, "AN-4002", RoleSets.Analyst));
        await Client.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, suite.As(force, "AN-4002", RoleSets.Analyst));
        var submitted = (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = created.Name, Etag = created.Etag }, author)).Assessment;
        await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = created.Name, Etag = submitted.Etag }, suite.As(force, "SGT-4003", RoleSets.Supervisor));
        var later = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, author)).Assessment;
        var laterSubmitted = (await Client.SubmitAssessmentAsync(new SubmitAssessmentRequest { Name = later.Name, Etag = later.Etag }, author)).Assessment;
        await Client.CountersignAssessmentAsync(new CountersignAssessmentRequest { Name = later.Name, Etag = laterSubmitted.Etag }, suite.As(force, "SGT-4003", RoleSets.Supervisor));

        var entries = await EntriesAsync(force);

        const string Rpc = "/offenderrisk.assessments.v1.AssessmentsService/";
        Assert.Equal(
            [
                (AuditOperation.Collection, "PC-4001", created.Name, Rpc + "CreateAssessment"),
                (AuditOperation.Consultation, "AN-4002", created.Name, Rpc + "GetAssessment"),
                (AuditOperation.Consultation, "AN-4002", nominal, Rpc + "ListAssessments"),
                (AuditOperation.Alteration, "PC-4001", created.Name, Rpc + "SubmitAssessment"),
                (AuditOperation.Alteration, "SGT-4003", created.Name, Rpc + "CountersignAssessment"),
                (AuditOperation.Collection, "PC-4001", later.Name, Rpc + "CreateAssessment"),
                (AuditOperation.Alteration, "PC-4001", later.Name, Rpc + "SubmitAssessment"),
                (AuditOperation.Alteration, "SGT-4003", later.Name, Rpc + "CountersignAssessment"),
                // The superseded assessment is altered too, in the same unit of work.
                (AuditOperation.Alteration, "SGT-4003", created.Name, Rpc + "CountersignAssessment"),
            ],
            entries.Select(e => ((AuditOperation)e.Operation, e.Actor, e.Subject, e.RpcMethod)));
        Assert.Equal("Annual review", entries[0].Justification);
        Assert.All(entries, e => Assert.Equal(force, e.SubjectForce));
    }

    [Fact]
    public async Task R_AU1_a_replayed_create_is_logged_as_a_consultation_not_a_second_collection()
    {
        var force = TestData.NewForce();
        var request = new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)), RequestId = Guid.NewGuid().ToString() };
        await Client.CreateAssessmentAsync(request, suite.As(force, "PC-4101", RoleSets.Mosovo));
        await Client.CreateAssessmentAsync(request, suite.As(force, "PC-4101", RoleSets.Mosovo));

        var entries = await EntriesAsync(force);

        Assert.Equal([AuditOperation.Collection, AuditOperation.Consultation], entries.Select(e => (AuditOperation)e.Operation));
    }

    [Fact]
    public async Task The_auditor_reads_an_assessments_entries_through_the_gateway_and_the_chain_is_intact()
    {
        var force = TestData.NewForce();
        var created = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, force)) },
            suite.As(force, "PC-4201", RoleSets.Mosovo))).Assessment;

        var listed = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = created.Name }, AuditCall(suite.As(force, "AU-4202", RoleSets.Auditor)));
        var verdict = await Audit.VerifyAuditLogAsync(new VerifyAuditLogRequest(), AuditCall(suite.As(force, "AU-4202", RoleSets.Auditor)));

        var entry = Assert.Single(listed.AuditEntries);
        Assert.Equal(AuditOperation.Collection, entry.Operation);
        Assert.Equal("PC-4201", entry.Actor);
        Assert.True(verdict.Intact, verdict.Problem);
    }

    private static CallOptions AuditCall(CallOptions options)
    {
        options.Headers!.Add("offenderrisk-audit-log", "assessments");
        return options;
    }

    private async Task<List<AuditRowView>> EntriesAsync(string force)
    {
        await using var db = await suite.Storage.OpenAsync("assessments");
        return (await db.QueryAsync<AuditRowView>(
            """
            SELECT operation, rpc_method AS RpcMethod, actor, subject, subject_force AS SubjectForce, justification
            FROM audit_log WHERE actor_force = @force ORDER BY sequence
            """, new { force })).ToList();
    }

    public sealed class AuditRowView
    {
        public long Operation { get; set; }
        public string RpcMethod { get; set; } = "";
        public string Actor { get; set; } = "";
        public string Subject { get; set; } = "";
        public string SubjectForce { get; set; } = "";
        public string Justification { get; set; } = "";
    }
}
