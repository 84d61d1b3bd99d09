using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.IntelligenceScenario;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Intelligence (R-ID2, R-ID3, R-ID4), non-cooperation (R-MG7) and significant change (R-RM6) through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class IntelligenceRecordingTests(SuiteFixture suite)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private IntelligenceService.IntelligenceServiceClient Intel => IntelligenceScenario.Client(suite);

    [Fact]
    public async Task R_ID2_intelligence_from_another_force_reaches_the_officers_queue_at_once()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorder = suite.As(TestData.NewForce(), "PC-VISITOR-1", RoleSets.Officer);

        var recorded = await RecordAsync(suite, nominal.Name, recorder);

        Assert.StartsWith(nominal.Name + "/intelligence/", recorded.Name, StringComparison.Ordinal);
        // Another force is told only that it went to the owning force (whether there is an officer is not its business).
        Assert.Equal(IntelligenceRouting.OwningForce, recorded.Routing);
        Assert.False(recorded.SupervisorsNotified);
        var item = Assert.Single(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal(WorkItemKind.Intelligence, item.Kind);
        Assert.Equal(recorded.Name, item.Reference);
        Assert.Equal(nominal.Name, item.Nominal);
        Assert.Equal(NominalScenario.Officer, item.Assignee);
        Assert.Equal(WorkItemState.Open, item.State);
        Assert.Equal("INTELLIGENCE_SOURCE_HOME_VISIT", item.SummaryCode);
        Assert.Equal("PC-VISITOR-1", item.CreatedBy);

        var stored = (await Intel.GetIntelligenceAsync(new GetIntelligenceRequest { Name = recorded.Name }, s.AsOfficer)).Intelligence;
        Assert.Equal(IntelligenceSource.HomeVisit, stored.Source);
        Assert.Equal("PC-VISITOR-1", stored.RecordedBy);
        Assert.NotEqual(s.Force, stored.RecorderForce);
    }

    [Fact]
    public async Task R_ID2_the_other_force_recorder_learns_nothing_of_the_nominal()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var otherForce = TestData.NewForce();
        var recorder = suite.As(otherForce, "PC-VISITOR-2", RoleSets.Officer);

        var recorded = await RecordAsync(suite, nominal.Name, recorder);

        // Only the record's name and where it went: no name, date of birth, officer or force.
        Assert.Equal(new RecordIntelligenceResponse { Name = recorded.Name, Routing = IntelligenceRouting.OwningForce }, recorded);
        Assert.DoesNotContain("TESTPERSON", recorded.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NominalScenario.Officer, recorded.ToString(), StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, recorder).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Intel.GetIntelligenceAsync(new GetIntelligenceRequest { Name = recorded.Name }, recorder).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Intel.ListIntelligenceAsync(new ListIntelligenceRequest { Parent = nominal.Name }, recorder).ResponseAsync);
    }

    [Fact]
    public async Task R_ID2_another_forces_recorder_gets_the_same_answer_whether_or_not_the_nominal_has_an_officer()
    {
        var (s, withOfficer) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(withOfficer);
        var withoutOfficer = (await NominalScenario.CreateAsync(suite)).Nominal;
        var recorder = suite.As(TestData.NewForce(), "PC-VISITOR-4", RoleSets.Officer);

        var toOfficer = await RecordAsync(suite, withOfficer.Name, recorder);
        var toUnassigned = await RecordAsync(suite, withoutOfficer.Name, recorder);

        Assert.Equal(new RecordIntelligenceResponse(toOfficer) { Name = "" }, new RecordIntelligenceResponse(toUnassigned) { Name = "" });
        Assert.Equal(IntelligenceRouting.OwningForce, toOfficer.Routing);
    }

    [Fact]
    public async Task R_ID2_intelligence_about_a_nominal_that_does_not_exist_is_not_found()
    {
        var e = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => RecordAsync(suite, "nominals/" + Guid.NewGuid(), suite.As(TestData.NewForce(), "PC-1", RoleSets.Officer)));
        Assert.Equal("RESOURCE_NOT_FOUND", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task R_ID2_without_an_officer_intelligence_waits_in_the_forces_unassigned_queue()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);

        var recorded = await RecordAsync(suite, nominal.Name, suite.As(s.Force, "PC-PATROL-1", RoleSets.Officer));

        Assert.Equal(IntelligenceRouting.UnassignedQueue, recorded.Routing);
        var anyMosovoOfficer = suite.As(s.Force, "PC-MOSOVO-9", RoleSets.Mosovo);
        var waiting = Assert.Single(await QueueAsync(suite, anyMosovoOfficer, WorkQueue.Unassigned));
        Assert.Equal(recorded.Name, waiting.Reference);
        Assert.Equal("", waiting.Assignee);
        Assert.Empty(await QueueAsync(suite, s.AsOfficer));
    }

    [Fact]
    public async Task R_ID3_flagged_intelligence_reaches_the_officer_and_the_supervisors_urgent_first()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorder = suite.As(TestData.NewForce(), "PC-VISITOR-3", RoleSets.Officer);
        var routine = await RecordAsync(suite, nominal.Name, recorder);

        var flagged = await RecordAsync(suite, nominal.Name, recorder, harm: true);

        Assert.True(flagged.Urgent);
        Assert.True(flagged.SupervisorsNotified);
        var officerQueue = await QueueAsync(suite, s.AsOfficer);
        Assert.Equal([flagged.Name, routine.Name], officerQueue.Select(i => i.Reference));
        Assert.Equal([true, false], officerQueue.Select(i => i.Urgent));
        var supervisorQueue = await QueueAsync(suite, s.AsSupervisor, WorkQueue.Supervisors);
        var forSupervisors = Assert.Single(supervisorQueue);
        Assert.Equal(flagged.Name, forSupervisors.Reference);
        Assert.True(forSupervisors.Urgent);
        Assert.Equal("supervisor", forSupervisors.AssigneeRole);
        Assert.Equal(s.Force, forSupervisors.ForceCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task R_ID4_an_unspecified_or_unknown_source_is_refused_citing_the_rule_and_nothing_is_written(int source)
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var intelligence = Intelligence();
        intelligence.Source = (IntelligenceSource)source;

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Intel.RecordIntelligenceAsync(new RecordIntelligenceRequest { Parent = nominal.Name, Intelligence = intelligence }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["intelligence.source"], e.ViolatedFields());
        Assert.Equal("R-ID4", e.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(0, await CountAsync(suite, "SELECT COUNT(*) FROM intelligence WHERE nominal_id = @id", new { id = Id(nominal.Name) }));
    }

    [Fact]
    public async Task R_ID4_other_agency_intelligence_names_the_agency()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var intelligence = Intelligence(IntelligenceSource.OtherAgency);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Intel.RecordIntelligenceAsync(new RecordIntelligenceRequest { Parent = nominal.Name, Intelligence = intelligence }, s.AsOfficer).ResponseAsync);
        Assert.Equal(["intelligence.other_agency"], e.ViolatedFields());

        intelligence.OtherAgency = "housing";
        var recorded = await Intel.RecordIntelligenceAsync(new RecordIntelligenceRequest { Parent = nominal.Name, Intelligence = intelligence }, s.AsOfficer);
        var stored = (await Intel.GetIntelligenceAsync(new GetIntelligenceRequest { Name = recorded.Name }, s.AsOfficer)).Intelligence;
        Assert.Equal("housing", stored.OtherAgency);
    }

    [Fact]
    public async Task Intelligence_observed_in_the_future_is_refused()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var intelligence = Intelligence();
        intelligence.ObserveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1));

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Intel.RecordIntelligenceAsync(new RecordIntelligenceRequest { Parent = nominal.Name, Intelligence = intelligence }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["intelligence.observe_time"], e.ViolatedFields());
    }

    [Fact]
    public async Task A_repeated_request_id_records_the_intelligence_once()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var request = new RecordIntelligenceRequest { Parent = nominal.Name, Intelligence = Intelligence(harm: true), RequestId = Guid.NewGuid().ToString() };
        var recorder = suite.As(TestData.NewForce(), "PC-VISITOR-4", RoleSets.Officer);

        var first = await Intel.RecordIntelligenceAsync(request, recorder);
        var second = await Intel.RecordIntelligenceAsync(request, recorder);

        Assert.Equal(first, second);
        Assert.Equal(1, await CountAsync(suite, "SELECT COUNT(*) FROM intelligence WHERE nominal_id = @id", new { id = Id(nominal.Name) }));
        Assert.Equal(2, await CountAsync(suite, "SELECT COUNT(*) FROM work_items WHERE nominal_id = @id", new { id = Id(nominal.Name) }));
    }

    [Fact]
    public async Task R_AU1_recording_is_audited_as_collection_against_the_owning_forces_nominal()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var recorderForce = TestData.NewForce();

        await RecordAsync(suite, nominal.Name, suite.As(recorderForce, "PC-VISITOR-5", RoleSets.Officer));

        await using var db = await suite.Storage.OpenAsync("nominals");
        var entry = Assert.Single(await db.QueryAsync<(long Operation, string Subject, string SubjectForce, string Actor, string RpcMethod)>(
            "SELECT CAST(operation AS BIGINT), subject, subject_force, actor, rpc_method FROM audit_log WHERE actor_force = @recorderForce",
            new { recorderForce }));
        Assert.Equal((long)AuditOperation.Collection, entry.Operation);
        Assert.Equal(nominal.Name, entry.Subject);
        Assert.Equal(s.Force, entry.SubjectForce);
        Assert.Equal("PC-VISITOR-5", entry.Actor);
        Assert.Equal("/offenderrisk.nominals.v1.IntelligenceService/RecordIntelligence", entry.RpcMethod);
    }

    [Fact]
    public async Task R_MG7_non_cooperation_flags_the_nominal_queues_a_work_item_and_goes_on_the_feed()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);

        var recorded = await Intel.RecordNonCooperationAsync(new RecordNonCooperationRequest
        {
            Parent = nominal.Name,
            NonCooperation = new NonCooperation
            {
                Kind = NonCooperationKind.RefusedEntry,
                Details = "Fictional test: door not opened at the planned home visit.",
                OccurTime = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-30)),
            },
        }, s.AsOfficer);

        var flagged = await s.GetAsync(nominal.Name);
        Assert.True(flagged.FlaggedForReview);
        Assert.Contains("refused entry", flagged.ReviewFlagReason, StringComparison.Ordinal);
        Assert.NotEqual(managed.Etag, flagged.Etag);
        var item = Assert.Single(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal(WorkItemKind.NonCooperation, item.Kind);
        Assert.Equal(recorded.WorkItem, item.Name);
        Assert.Equal(recorded.NonCooperation.Name, item.Reference);
        var e = Assert.Single(await EventsForAsync(suite, s, nominal.Name), x => x.Type == NominalEventType.NonCooperation);
        Assert.Equal("NON_COOPERATION_KIND_REFUSED_ENTRY", e.Attributes["kind"]);
        var listed = await Intel.ListNonCooperationAsync(new ListNonCooperationRequest { Parent = nominal.Name }, s.AsOfficer);
        Assert.Equal(NonCooperationKind.RefusedEntry, Assert.Single(listed.NonCooperation).Kind);
    }

    [Fact]
    public async Task R_MG7_another_forces_nominal_is_not_found_for_non_cooperation()
    {
        var (_, nominal) = await NominalScenario.CreateAsync(suite);

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Intel.RecordNonCooperationAsync(new RecordNonCooperationRequest
        {
            Parent = nominal.Name,
            NonCooperation = new NonCooperation { Kind = NonCooperationKind.RefusedToAnswer, Details = "Fictional.", OccurTime = Timestamp.FromDateTime(DateTime.UtcNow) },
        }, suite.As(TestData.NewForce(), "PC-MOSOVO-1", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task R_RM6_a_significant_change_makes_an_arms_review_due_in_15_working_days_and_goes_on_the_feed()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, suite.As(TestData.NewForce(), "PC-VISITOR-6", RoleSets.Officer));

        var assessed = (await Intel.AssessIntelligenceAsync(new AssessIntelligenceRequest
        {
            Name = recorded.Name,
            Assessment = new IntelligenceAssessment
            {
                Significance = ChangeSignificance.Significant,
                Actions = { AssessmentAction.HomeVisitUnannounced, AssessmentAction.AgencyEnquiries },
                Rationale = "Fictional test: new association likely to alter the risk picture.",
            },
        }, s.AsOfficer)).Intelligence;

        var after = await s.GetAsync(nominal.Name);
        var armsDue = assessed.Assessment.ArmsDueDate;
        var due = new DateOnly(armsDue.Year, armsDue.Month, armsDue.Day);
        var fifteenWeekdays = Today;
        for (var n = 0; n < 15;)
        {
            fifteenWeekdays = fifteenWeekdays.AddDays(1);
            n += fifteenWeekdays.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }
        Assert.InRange(due, fifteenWeekdays, fifteenWeekdays.AddDays(6));
        Assert.True(after.FlaggedForReview);
        // The ARMS review is an obligation of the ledger (R-MR4), raised by the intelligence.
        // Besides the duties raised when management became active (trigger MANAGED).
        var obligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => o.Trigger != "MANAGED");
        Assert.Equal(ObligationKind.Arms, obligation.Kind);
        Assert.Equal("SIGNIFICANT_CHANGE", obligation.Trigger);
        Assert.Equal(recorded.Name, obligation.TriggerRecord);
        Assert.Equal(armsDue, obligation.DueDate);
        var e = Assert.Single(await EventsForAsync(suite, s, nominal.Name), x => x.Type == NominalEventType.SignificantChange);
        Assert.Equal(armsDue, e.ArmsDueDate);
        Assert.Equal(recorded.Name, e.Attributes["intelligence"]);
    }

    [Fact]
    public async Task R_RM6_a_change_that_is_not_significant_is_recorded_and_changes_nothing_else()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, s.AsOfficer);

        await Intel.AssessIntelligenceAsync(new AssessIntelligenceRequest
        {
            Name = recorded.Name,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant, Actions = { AssessmentAction.NoAction }, Rationale = "Fictional test: already known." },
        }, s.AsSupervisor);

        var after = await s.GetAsync(nominal.Name);
        Assert.Equal(managed.Etag, after.Etag);
        Assert.All(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => Assert.Equal("MANAGED", o.Trigger));
        Assert.False(after.FlaggedForReview);
        Assert.DoesNotContain(await EventsForAsync(suite, s, nominal.Name), x => x.Type == NominalEventType.SignificantChange);
        var stored = (await Intel.GetIntelligenceAsync(new GetIntelligenceRequest { Name = recorded.Name }, s.AsOfficer)).Intelligence;
        Assert.Equal(ChangeSignificance.NotSignificant, stored.Assessment.Significance);
        Assert.Equal(NominalScenario.Supervisor, stored.Assessment.AssessedBy);
    }

    [Fact]
    public async Task R_RM6_a_significant_change_without_an_action_is_refused_by_the_rule()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, s.AsOfficer);

        await RpcAssert.RefusedByRuleAsync("R-RM6", "assessment.actions", () => Intel.AssessIntelligenceAsync(new AssessIntelligenceRequest
        {
            Name = recorded.Name,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.Significant, Rationale = "Fictional." },
        }, s.AsOfficer).ResponseAsync);

        Assert.All(await ObligationScenario.ListAsync(suite, s, nominal.Name), o => Assert.Equal("MANAGED", o.Trigger));
    }

    [Fact]
    public async Task R_AU3_an_assessment_without_a_rationale_is_invalid()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, s.AsOfficer);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Intel.AssessIntelligenceAsync(new AssessIntelligenceRequest
        {
            Name = recorded.Name,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant },
        }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["assessment.rationale"], e.ViolatedFields());
    }

    [Fact]
    public async Task R_RM6_only_the_nominals_officer_or_a_supervisor_assesses_and_only_once()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, s.AsOfficer);
        var request = new AssessIntelligenceRequest
        {
            Name = recorded.Name,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant, Rationale = "Fictional." },
        };

        var denied = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Intel.AssessIntelligenceAsync(request, suite.As(s.Force, "PC-MOSOVO-2", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal("NOT_OFFICER_OR_SUPERVISOR", denied.ErrorInfo().Reason);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Intel.AssessIntelligenceAsync(request, suite.As(TestData.NewForce(), NominalScenario.Supervisor, RoleSets.Supervisor)).ResponseAsync);

        await Intel.AssessIntelligenceAsync(request, s.AsOfficer);
        var again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Intel.AssessIntelligenceAsync(request, s.AsSupervisor).ResponseAsync);
        Assert.Equal("ALREADY_ASSESSED", again.ErrorInfo().Reason);
    }

    [Fact]
    public async Task R_AU1_erasing_the_nominal_erases_its_intelligence_and_work_items()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await RecordAsync(suite, nominal.Name, s.AsOfficer, harm: true);

        await s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "Fictional test erasure" }, suite.As(s.Force, "AU-1", RoleSets.Auditor));

        Assert.Equal(0, await CountAsync(suite, "SELECT COUNT(*) FROM intelligence WHERE nominal_id = @id", new { id = Id(nominal.Name) }));
        Assert.Equal(0, await CountAsync(suite, "SELECT COUNT(*) FROM work_items WHERE nominal_id = @id", new { id = Id(nominal.Name) }));
    }
}
