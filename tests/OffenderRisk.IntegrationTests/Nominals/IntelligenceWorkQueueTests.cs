using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.IntelligenceScenario;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Officers' and supervisors' work queues: listing, acknowledging, closing, who may act, force scoping.</summary>
[Collection(SuiteCollection.Name)]
public sealed class IntelligenceWorkQueueTests(SuiteFixture suite)
{
    private IntelligenceService.IntelligenceServiceClient Intel => IntelligenceScenario.Client(suite);

    private async Task<(NominalScenario Scenario, Nominal Nominal, WorkItem Item)> OfficerItemAsync(bool harm = false)
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        await RecordAsync(suite, nominal.Name, suite.As(TestData.NewForce(), "PC-VISITOR-1", RoleSets.Officer), harm);
        return (s, nominal, (await QueueAsync(suite, s.AsOfficer)).Single());
    }

    [Fact]
    public async Task The_assignee_acknowledges_and_then_closes_with_an_outcome()
    {
        var (s, _, item) = await OfficerItemAsync();

        var acknowledged = (await Intel.AcknowledgeWorkItemAsync(new AcknowledgeWorkItemRequest { Name = item.Name, Etag = item.Etag }, s.AsOfficer)).WorkItem;
        var closed = (await Intel.CloseWorkItemAsync(new CloseWorkItemRequest { Name = item.Name, Etag = acknowledged.Etag, Outcome = "Fictional test: phone call made, nothing further." }, s.AsOfficer)).WorkItem;

        Assert.Equal(WorkItemState.Acknowledged, acknowledged.State);
        Assert.Equal(NominalScenario.Officer, acknowledged.AcknowledgedBy);
        Assert.NotNull(acknowledged.AcknowledgeTime);
        Assert.Equal(WorkItemState.Closed, closed.State);
        Assert.Equal("Fictional test: phone call made, nothing further.", closed.Outcome);
        Assert.Equal(NominalScenario.Officer, closed.ClosedBy);
        Assert.NotNull(closed.CloseTime);
        Assert.Empty(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal(closed, Assert.Single(await QueueAsync(suite, s.AsOfficer, state: WorkItemState.Closed)));
        Assert.Equal(closed, (await Intel.GetWorkItemAsync(new GetWorkItemRequest { Name = item.Name }, s.AsOfficer)).WorkItem);
    }

    [Fact]
    public async Task R_ID2_a_nominals_open_work_items_move_to_its_new_officer_on_reassignment()
    {
        var (s, nominal, item) = await OfficerItemAsync();
        var current = await s.GetAsync(nominal.Name);

        await new NominalsService.NominalsServiceClient(suite.Channel).AssignOfficerAsync(
            new AssignOfficerRequest { Name = nominal.Name, Officer = "PC-NEW-2", Reason = "Fictional: caseload rebalanced.", Etag = current.Etag }, s.AsSupervisor);

        Assert.Empty(await QueueAsync(suite, s.AsOfficer));
        var moved = Assert.Single(await QueueAsync(suite, suite.As(s.Force, "PC-NEW-2", ["mosovo-officer"])));
        Assert.Equal(item.Name, moved.Name);
        Assert.Equal("PC-NEW-2", moved.Assignee);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing()
    {
        var (s, _, item) = await OfficerItemAsync();
        await Intel.AcknowledgeWorkItemAsync(new AcknowledgeWorkItemRequest { Name = item.Name, Etag = item.Etag }, s.AsOfficer);

        var e = await RpcAssert.FailsAsync(StatusCode.Aborted, () => Intel.CloseWorkItemAsync(
            new CloseWorkItemRequest { Name = item.Name, Etag = item.Etag, Outcome = "Fictional." }, s.AsOfficer).ResponseAsync);

        Assert.Equal("ETAG_MISMATCH", e.ErrorInfo().Reason);
        Assert.Equal(WorkItemState.Acknowledged, (await Intel.GetWorkItemAsync(new GetWorkItemRequest { Name = item.Name }, s.AsOfficer)).WorkItem.State);
    }

    [Fact]
    public async Task Closing_needs_an_outcome_and_an_etag()
    {
        var (s, _, item) = await OfficerItemAsync();

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Intel.CloseWorkItemAsync(new CloseWorkItemRequest { Name = item.Name }, s.AsOfficer).ResponseAsync);

        Assert.Equal(["outcome", "etag"], e.ViolatedFields());
    }

    [Fact]
    public async Task A_closed_item_cannot_be_closed_again()
    {
        var (s, _, item) = await OfficerItemAsync();
        var closed = (await Intel.CloseWorkItemAsync(new CloseWorkItemRequest { Name = item.Name, Etag = item.Etag, Outcome = "Fictional." }, s.AsOfficer)).WorkItem;

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Intel.CloseWorkItemAsync(
            new CloseWorkItemRequest { Name = item.Name, Etag = closed.Etag, Outcome = "Again." }, s.AsOfficer).ResponseAsync);

        Assert.Equal("WORK_ITEM_CLOSED", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Anyone_outside_the_items_queue_is_told_it_does_not_exist()
    {
        var (s, _, item) = await OfficerItemAsync();
        var outsiders = new[]
        {
            suite.As(s.Force, "PC-MOSOVO-2", RoleSets.Mosovo),     // same force, not the assignee
            s.AsSupervisor,                                         // same force, but an officer's item
            suite.As(TestData.NewForce(), NominalScenario.Officer, RoleSets.Mosovo), // same user id, another force
        };

        foreach (var outsider in outsiders)
        {
            await RpcAssert.FailsAsync(StatusCode.NotFound,
                () => Intel.AcknowledgeWorkItemAsync(new AcknowledgeWorkItemRequest { Name = item.Name, Etag = item.Etag }, outsider).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.NotFound,
                () => Intel.CloseWorkItemAsync(new CloseWorkItemRequest { Name = item.Name, Etag = item.Etag, Outcome = "Fictional." }, outsider).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.NotFound,
                () => Intel.GetWorkItemAsync(new GetWorkItemRequest { Name = item.Name }, outsider).ResponseAsync);
        }
        Assert.Equal(WorkItemState.Open, (await Intel.GetWorkItemAsync(new GetWorkItemRequest { Name = item.Name }, s.AsOfficer)).WorkItem.State);
    }

    [Fact]
    public async Task R_ID3_any_supervisor_of_the_force_acts_on_the_supervisors_item()
    {
        var (s, _, _) = await OfficerItemAsync(harm: true);
        var item = Assert.Single(await QueueAsync(suite, suite.As(s.Force, "SGT-SUP-2", RoleSets.Supervisor), WorkQueue.Supervisors));

        var closed = (await Intel.CloseWorkItemAsync(new CloseWorkItemRequest { Name = item.Name, Etag = item.Etag, Outcome = "Fictional: safeguarding discussed." },
            suite.As(s.Force, "SGT-SUP-2", RoleSets.Supervisor))).WorkItem;

        Assert.Equal("SGT-SUP-2", closed.ClosedBy);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Intel.GetWorkItemAsync(new GetWorkItemRequest { Name = item.Name }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task Acknowledging_an_unassigned_item_takes_it_into_the_callers_queue()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await RecordAsync(suite, nominal.Name, s.AsOfficer);
        var taker = suite.As(s.Force, "PC-MOSOVO-7", RoleSets.Mosovo);
        var item = Assert.Single(await QueueAsync(suite, taker, WorkQueue.Unassigned));

        var taken = (await Intel.AcknowledgeWorkItemAsync(new AcknowledgeWorkItemRequest { Name = item.Name, Etag = item.Etag }, taker)).WorkItem;

        Assert.Equal(WorkQueue.Officer, taken.Queue);
        Assert.Equal("PC-MOSOVO-7", taken.Assignee);
        Assert.Empty(await QueueAsync(suite, taker, WorkQueue.Unassigned));
        Assert.Equal(item.Name, Assert.Single(await QueueAsync(suite, taker)).Name);
    }

    [Fact]
    public async Task Force_scoping_queues_list_only_the_owning_forces_items()
    {
        var (s, _, _) = await OfficerItemAsync(harm: true);

        // The same user id and role in another force sees none of them.
        Assert.Empty(await QueueAsync(suite, suite.As(TestData.NewForce(), NominalScenario.Officer, RoleSets.Mosovo)));
        Assert.Empty(await QueueAsync(suite, suite.As(TestData.NewForce(), NominalScenario.Supervisor, RoleSets.Supervisor), WorkQueue.Supervisors));
        Assert.All(await QueueAsync(suite, s.AsSupervisor, WorkQueue.Supervisors), i => Assert.Equal(s.Force, i.ForceCode));
    }

    [Fact]
    public async Task The_supervisors_queue_is_only_for_supervisors()
    {
        var e = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Intel.ListWorkItemsAsync(
            new ListWorkItemsRequest { Queue = WorkQueue.Supervisors }, suite.As(TestData.NewForce(), "PC-MOSOVO-1", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("NOT_IN_QUEUE", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Queues_page_urgent_first_then_oldest_first_without_repeats()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorder = suite.As(TestData.NewForce(), "PC-VISITOR-8", RoleSets.Officer);
        var recorded = new List<RecordIntelligenceResponse>();
        foreach (var harm in new[] { false, true, false, true, false })
        {
            recorded.Add(await RecordAsync(suite, nominal.Name, recorder, harm));
        }

        var listed = await QueueAsync(suite, s.AsOfficer, pageSize: 2);

        var expected = recorded.Where(r => r.Urgent).Concat(recorded.Where(r => !r.Urgent)).Select(r => r.Name);
        Assert.Equal(expected, listed.Select(i => i.Reference));
    }

    [Fact]
    public async Task Another_service_routes_an_identity_discrepancy_to_the_nominals_officer()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var request = new CreateWorkItemRequest
        {
            Parent = nominal.Name,
            Kind = WorkItemKind.IdentityDiscrepancy,
            SummaryCode = "PNC_DATE_OF_BIRTH_MISMATCH",
            Reference = "identityChecks/test-0001",
            RequestId = Guid.NewGuid().ToString(),
        };
        var service = suite.As(s.Force, "svc-identity-checks", ["service"]);

        var created = (await Intel.CreateWorkItemAsync(request, service)).WorkItem;
        var repeated = (await Intel.CreateWorkItemAsync(request, service)).WorkItem;

        Assert.Equal(created, repeated);
        var item = Assert.Single(await QueueAsync(suite, s.AsOfficer));
        Assert.Equal(created.Name, item.Name);
        Assert.Equal(WorkItemKind.IdentityDiscrepancy, item.Kind);
        Assert.Equal("PNC_DATE_OF_BIRTH_MISMATCH", item.SummaryCode);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Intel.CreateWorkItemAsync(new CreateWorkItemRequest(request) { RequestId = "" }, s.AsOfficer).ResponseAsync);
        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Intel.CreateWorkItemAsync(new CreateWorkItemRequest(request) { Kind = WorkItemKind.Intelligence, RequestId = "" }, service).ResponseAsync);
        Assert.Equal(["kind"], refused.ViolatedFields());
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Intel.CreateWorkItemAsync(new CreateWorkItemRequest(request) { RequestId = "" }, suite.As(TestData.NewForce(), "svc-identity-checks", ["service"])).ResponseAsync);
    }
}
