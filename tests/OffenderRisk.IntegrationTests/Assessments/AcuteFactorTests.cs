using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.IntegrationTests.Erasure;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>R-AS9 through the gateway: the acute factors recorded before a home visit and at a review, and what is refused.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AcuteFactorTests(SuiteFixture suite)
{
    private AssessmentsService.AssessmentsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_AS9_acute_factors_recorded_before_a_home_visit_are_kept_with_the_visit_each_factor_and_who_recorded_them()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);

        var recorded = (await Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal) },
            suite.As(force, "PC-9301", RoleSets.Mosovo, justification: "Home visit planned (synthetic)"))).Record;
        var listed = (await Client.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = nominal }, suite.As(force, "AN-9302", RoleSets.Analyst))).Records;

        Assert.StartsWith("acuteFactorRecords/", recorded.Name, StringComparison.Ordinal);
        Assert.Equal((nominal, force, AcuteFactorOccasion.HomeVisit, "HV/TEST-0001", "", "PC-9301"),
            (recorded.Nominal, recorded.ForceCode, recorded.Occasion, recorded.HomeVisit, recorded.Assessment, recorded.RecordedBy));
        Assert.NotNull(recorded.RecordTime);
        Assert.Equal(AcuteFactorTestData.Factors, recorded.Entries.Select(e => e.Factor));
        var hostility = Assert.Single(recorded.Entries, e => e.Present);
        Assert.Equal((AcuteFactor.Hostility, AcuteFactorTestData.HostilityNote), (hostility.Factor, hostility.Note));
        Assert.Equal(recorded, Assert.Single(listed));
    }

    [Fact]
    public async Task R_AS9_acute_factors_recorded_at_a_review_name_the_assessment_reviewed()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var officer = suite.As(force, "PC-9311", RoleSets.Mosovo);
        var assessment = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, officer)).Assessment;

        var recorded = (await Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.AtReview(nominal, assessment.Name) },
            suite.As(force, "SGT-9312", RoleSets.Supervisor))).Record;

        Assert.Equal((AcuteFactorOccasion.Review, assessment.Name, "", "SGT-9312"), (recorded.Occasion, recorded.Assessment, recorded.HomeVisit, recorded.RecordedBy));
        Assert.Equal(recorded, Assert.Single((await Client.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = nominal }, officer)).Records));
    }

    public static TheoryData<string, string> IncompleteRecordings() => new()
    {
        { "missing", "record.entries" },
        { "repeated", "record.entries[8].factor" },
        { "present without a note", "record.entries[3].note" },
    };

    [Theory]
    [MemberData(nameof(IncompleteRecordings))]
    public async Task R_AS9_an_incomplete_recording_is_refused_naming_the_field_and_nothing_is_written(string flaw, string field)
    {
        var force = TestData.NewForce();
        var record = AcuteFactorTestData.BeforeHomeVisit(await AssessmentTestData.NominalOfAsync(suite, force));
        switch (flaw)
        {
            case "missing":
                record.Entries.RemoveAt(6);
                break;
            case "repeated":
                record.Entries.Add(new AcuteFactorEntry { Factor = AcuteFactor.AccessToVictims, Present = false });
                break;
            default:
                record.Entries[3].Note = "";
                break;
        }

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = record, RequestId = Guid.NewGuid().ToString() }, suite.As(force, "PC-9321", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal([field], e.ViolatedFields());
        Assert.Equal("R-AS9", e.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", force));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", force));
    }

    [Fact]
    public async Task R_AS9_a_review_naming_another_nominals_assessment_is_refused_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var otherNominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var officer = suite.As(force, "PC-9331", RoleSets.Mosovo);
        var othersAssessment = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(otherNominal) }, officer)).Assessment;

        await RpcAssert.RefusedByRuleAsync("R-AS9", "record.assessment",
            () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.AtReview(nominal, othersAssessment.Name) }, officer).ResponseAsync);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", force));
    }

    [Fact]
    public async Task A_review_naming_another_forces_assessment_is_not_found_as_a_missing_one_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var theirs = TestData.NewForce();
        var theirAssessment = (await Client.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(await AssessmentTestData.NominalOfAsync(suite, theirs)) },
            suite.As(theirs, "PC-9341", RoleSets.Mosovo))).Assessment;
        var officer = suite.As(force, "PC-9342", RoleSets.Mosovo);

        var other = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.AtReview(nominal, theirAssessment.Name) }, officer).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.AtReview(nominal, "assessments/" + Guid.CreateVersion7()) }, officer).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, other.ErrorInfo().Reason);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", force));
    }

    [Fact]
    public async Task Another_forces_nominal_is_not_found_for_recording_and_listing()
    {
        var owner = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, owner);
        await Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal) }, suite.As(owner, "PC-9351", RoleSets.Mosovo));
        var theirs = TestData.NewForce();

        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal) }, suite.As(theirs, "PC-9352", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = nominal }, suite.As(theirs, "PC-9352", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", theirs));
    }

    [Fact]
    public async Task R_AS9_a_nominals_records_are_listed_newest_first_a_page_at_a_time_and_each_listing_is_one_consultation_of_the_nominal()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var officer = suite.As(force, "PC-9361", RoleSets.Mosovo);
        var names = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var record = AcuteFactorTestData.BeforeHomeVisit(nominal, $"HV/TEST-000{i}");
            names.Add((await Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = record }, officer)).Record.Name);
        }

        var first = await Client.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = nominal, PageSize = 2 }, officer);
        var second = await Client.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = nominal, PageSize = 2, PageToken = first.NextPageToken }, officer);

        Assert.Equal([names[2], names[1]], first.Records.Select(r => r.Name));
        Assert.Equal([names[0]], second.Records.Select(r => r.Name));
        Assert.Empty(second.NextPageToken);
        await using var db = await suite.Storage.OpenAsync("assessments");
        const string Listings = "FROM audit_log WHERE actor_force = @force AND rpc_method LIKE '%/ListAcuteFactorRecords'";
        Assert.Equal([nominal, nominal], await db.QueryAsync<string>("SELECT subject " + Listings, new { force }));
        Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) " + Listings + " AND operation = @op", new { force, op = (int)AuditOperation.Consultation }));
    }

    [Fact]
    public async Task R_AS9_a_repeated_request_id_returns_the_first_record_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var request = new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(await AssessmentTestData.NominalOfAsync(suite, force)), RequestId = Guid.NewGuid().ToString() };
        var officer = suite.As(force, "PC-9371", RoleSets.Mosovo);

        var first = await Client.RecordAcuteFactorsAsync(request, officer);
        var second = await Client.RecordAcuteFactorsAsync(request, officer);

        Assert.Equal(first.Record, second.Record);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", force));
        var reused = request.Clone();
        reused.Record.HomeVisit = "HV/TEST-OTHER";
        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Client.RecordAcuteFactorsAsync(reused, officer).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Only_mosovo_officers_and_supervisors_record_acute_factors()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);

        foreach (var roles in new[] { RoleSets.Analyst, RoleSets.Officer, RoleSets.VictimLiaison })
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
                () => Client.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(nominal) }, suite.As(force, "X-9381", roles)).ResponseAsync);
        }
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM acute_factor_records WHERE force_code = @force", force));
    }

    [Fact]
    public async Task R_AU1_an_erased_nominals_acute_factor_records_and_their_request_keys_are_erased_with_it()
    {
        var n = await FollowedNominal.CreateAsync(suite);
        var recorded = (await n.Assessments.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest
        {
            Record = AcuteFactorTestData.AtReview(n.Nominal.Name, n.Assessment.Name), RequestId = Guid.NewGuid().ToString(),
        }, n.Identity.AsOfficer)).Record;
        var nominalId = new { id = n.Nominal.Name["nominals/".Length..] };
        Assert.Equal(1, await n.CountAsync("assessments", "acute_factor_records", "nominal_id = @id", nominalId));

        await n.EraseAsync();

        // Every holding is erased in the one unit of work that erases the assessment.
        await FollowedNominal.GoneAsync(() => n.GetAssessmentAsync(n.Identity.AsOfficer), TimeSpan.FromSeconds(15), "the assessment");
        Assert.Equal(0, await n.CountAsync("assessments", "acute_factor_records", "nominal_id = @id", nominalId));
        Assert.Equal(0, await n.CountAsync("assessments", "idempotency_keys", "resource_name = @name", new { name = recorded.Name }));
    }

    [Fact]
    public async Task A_transferred_nominals_acute_factor_records_move_to_the_receiving_force()
    {
        var n = await FollowedNominal.CreateAsync(suite);
        var recorded = (await n.Assessments.RecordAcuteFactorsAsync(new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.BeforeHomeVisit(n.Nominal.Name) }, n.Identity.AsOfficer)).Record;
        var receiving = new Nominals.NominalScenario(suite, TestData.NewForce());
        var current = await n.Nominals.GetAsync(n.Nominal.Name);
        var transfer = (await n.Nominals.Client.StartTransferAsync(new OffenderRisk.Contracts.Nominals.V1.StartTransferRequest
        {
            Name = n.Nominal.Name, ReceivingForce = receiving.Force, Reason = "moved address (synthetic)", Etag = current.Etag,
        }, n.Nominals.AsOfficer)).Transfer;

        await receiving.Client.AcceptTransferAsync(new OffenderRisk.Contracts.Nominals.V1.AcceptTransferRequest { Name = transfer.Name }, receiving.AsSupervisor);

        var nominalId = new { id = n.Nominal.Name["nominals/".Length..], force = receiving.Force };
        await IdentityChecks.IdentityScenario.EventuallyAsync(
            async () => await n.CountAsync("assessments", "acute_factor_records", "nominal_id = @id AND force_code = @force", nominalId) == 1,
            TimeSpan.FromSeconds(15), "the record moves to the receiving force");
        var listed = await n.Assessments.ListAcuteFactorRecordsAsync(new ListAcuteFactorRecordsRequest { Nominal = n.Nominal.Name }, receiving.AsOfficer);
        Assert.Equal(recorded.Name, Assert.Single(listed.Records).Name);
    }

    private async Task<long> CountAsync(string sql, string force)
    {
        await using var db = await suite.Storage.OpenAsync("assessments");
        return await db.ExecuteScalarAsync<long>(sql, new { force });
    }
}

/// <summary>Fictional acute-factor recordings: all eight factors, hostility present with its note.</summary>
public static class AcuteFactorTestData
{
    public const string HostilityNote = "Raised voice at the door on the last visit (synthetic).";

    public static readonly AcuteFactor[] Factors = Enum.GetValues<AcuteFactor>().Where(f => f != AcuteFactor.Unspecified).ToArray();

    public static AcuteFactorRecord BeforeHomeVisit(string nominal, string visit = "HV/TEST-0001")
    {
        var record = new AcuteFactorRecord { Nominal = nominal, Occasion = AcuteFactorOccasion.HomeVisit, HomeVisit = visit };
        record.Entries.AddRange(Entries());
        return record;
    }

    public static AcuteFactorRecord AtReview(string nominal, string assessment)
    {
        var record = new AcuteFactorRecord { Nominal = nominal, Occasion = AcuteFactorOccasion.Review, Assessment = assessment };
        record.Entries.AddRange(Entries());
        return record;
    }

    private static IEnumerable<AcuteFactorEntry> Entries() => Factors.Select(f => f == AcuteFactor.Hostility
        ? new AcuteFactorEntry { Factor = f, Present = true, Note = HostilityNote }
        : new AcuteFactorEntry { Factor = f, Present = false, Note = f == AcuteFactor.AccessToVictims ? "Lives alone; no children nearby (synthetic)." : "" });
}
