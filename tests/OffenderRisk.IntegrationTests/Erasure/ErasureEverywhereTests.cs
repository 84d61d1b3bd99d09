using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Erasure;

/// <summary>
/// R-AU1 everywhere: an erased nominal's records go from every service that follows the nominals
/// change feed, each service logging its erasure; and a transferred nominal's records move to the
/// receiving force. Through the gateway, with the services' own storage looked at directly.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ErasureEverywhereTests(SuiteFixture suite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task R_AU1_an_erased_nominals_assessment_intervention_and_marker_request_are_erased_in_every_service_each_logging_one_erasure()
    {
        var n = await FollowedNominal.CreateAsync(suite);

        await n.EraseAsync();

        var officer = n.Identity.AsOfficer;
        await FollowedNominal.GoneAsync(() => n.GetAssessmentAsync(officer), Wait, "the assessment");
        await FollowedNominal.GoneAsync(() => n.GetInterventionAsync(officer), Wait, "the intervention");
        await FollowedNominal.GoneAsync(() => n.GetMarkerAsync(officer), Wait, "the marker request");
        foreach (var service in FollowedNominal.FollowingServices)
        {
            var erasure = Assert.Single(await n.AuditAsync(service, n.Force, n.Nominal.Name), e => e.Operation == AuditOperation.Erasure);
            Assert.Equal(($"system:{service}-nominal-feed", n.Force), (erasure.Actor, erasure.SubjectForce));
        }
    }

    [Fact]
    public async Task R_AU1_nothing_about_an_erased_nominal_is_left_in_the_other_services_storage_and_its_marker_request_is_not_delivered_afterwards()
    {
        var n = await FollowedNominal.CreateAsync(suite);

        await n.EraseAsync();
        await FollowedNominal.GoneAsync(() => n.GetMarkerAsync(n.Identity.AsOfficer), Wait, "the marker request");
        await FollowedNominal.GoneAsync(() => n.GetAssessmentAsync(n.Identity.AsOfficer), Wait, "the assessment");
        await FollowedNominal.GoneAsync(() => n.GetInterventionAsync(n.Identity.AsOfficer), Wait, "the intervention");
        var deliveries = n.Identity.Stub("hmpo").FindDeliveries(n.Marker.IdempotencyKey, "/hmpo/v1/markers").Count;

        var nominalId = new { id = n.Nominal.Name["nominals/".Length..] };
        Assert.Equal(0, await n.CountAsync("assessments", "assessments", "nominal_id = @id", nominalId));
        Assert.Equal(0, await n.CountAsync("interventions", "interventions", "nominal_id = @id", nominalId));
        foreach (var table in new[] { "marker_requests", "credential_checks", "agency_enquiries", "check_sets" })
        {
            Assert.Equal(0, await n.CountAsync("identity-checks", table, "nominal_id = @id", nominalId));
        }
        // The idempotency keys held a copy of each created record (the marker request with its passport number).
        Assert.Equal(0, await n.CountAsync("assessments", "idempotency_keys", "resource_name = @name", new { name = n.Assessment.Name }));
        Assert.Equal(0, await n.CountAsync("interventions", "idempotency_keys", "resource_name = @name", new { name = n.Intervention.Name }));
        Assert.Equal(0, await n.CountAsync("identity-checks", "idempotency_keys", "resource_name = @name", new { name = n.Marker.Name }));
        var markerId = n.Marker.Name["markerRequests/".Length..];
        Assert.Equal(0, await n.CountAsync("identity-checks", "outbox", "reference_id = @markerId", new { markerId }));

        // Several outbox polls later, the agency has had nothing more about it.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(deliveries, n.Identity.Stub("hmpo").FindDeliveries(n.Marker.IdempotencyKey, "/hmpo/v1/markers").Count);
    }

    [Fact]
    public async Task R_AU1_the_erasure_is_on_the_change_feed_with_ids_only_and_served_to_service_consumers_after_the_nominal_is_gone()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);

        await s.Client.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "created in error (synthetic)" }, suite.As(s.Force, "ADM-ERASE-2", ["administrator"]));

        var own = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, s.AsSupervisor);
        var erased = Assert.Single(own.Events, e => e.Nominal == nominal.Name && e.Type == NominalEventType.Erased);
        Assert.Equal(s.Force, erased.ForceCode);
        Assert.Empty(erased.Attributes);
        Assert.Null(erased.ArmsDueDate);
        var asService = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = erased.Sequence - 1, PageSize = 1 },
            suite.As(TestData.NewForce(), "svc:test-consumer", ["service"]));
        Assert.Equal(erased.EventId, Assert.Single(asService.Events).EventId);
        var otherForce = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = erased.Sequence - 1, PageSize = 500 },
            suite.As(TestData.NewForce(), "SUP-OTHER-1", RoleSets.Supervisor));
        Assert.DoesNotContain(otherForce.Events, e => e.Nominal == nominal.Name);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task A_transferred_nominals_assessment_intervention_and_marker_request_move_to_the_receiving_force_and_leave_the_sending_one()
    {
        var n = await FollowedNominal.CreateAsync(suite);
        var receiving = new NominalScenario(suite, TestData.NewForce());
        var current = await n.Nominals.GetAsync(n.Nominal.Name);
        var transfer = (await n.Nominals.Client.StartTransferAsync(new StartTransferRequest
        {
            Name = n.Nominal.Name, ReceivingForce = receiving.Force, Reason = "moved address (synthetic)", Etag = current.Etag,
        }, n.Nominals.AsOfficer)).Transfer;

        await receiving.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, receiving.AsSupervisor);

        var events = await receiving.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, receiving.AsSupervisor);
        var moved = Assert.Single(events.Events, e => e.Nominal == n.Nominal.Name && e.Type == NominalEventType.Transferred);
        Assert.Equal(n.Force, moved.Attributes["previous_force"]);
        var theirs = receiving.AsOfficer;
        await VisibleAsync(() => n.GetAssessmentAsync(theirs), "the assessment to the receiving force");
        await VisibleAsync(() => n.GetInterventionAsync(theirs), "the intervention to the receiving force");
        await VisibleAsync(() => n.GetMarkerAsync(theirs), "the marker request to the receiving force");
        var listed = await n.Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = n.Nominal.Name }, theirs);
        Assert.Equal(n.Assessment.Name, Assert.Single(listed.Assessments).Name);

        var sending = n.Identity.AsOfficer;
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => n.GetAssessmentAsync(sending));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => n.GetInterventionAsync(sending));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => n.GetMarkerAsync(sending));
        foreach (var service in FollowedNominal.FollowingServices)
        {
            var disclosed = Assert.Single(await n.AuditAsync(service, n.Force, n.Nominal.Name), e => e.Operation == AuditOperation.Disclosure && e.Actor.EndsWith("-nominal-feed", StringComparison.Ordinal));
            Assert.Equal([receiving.Force], disclosed.Recipients);
            Assert.Single(await n.AuditAsync(service, receiving.Force, n.Nominal.Name), e => e.Operation == AuditOperation.Collection && e.SubjectForce == receiving.Force);
        }
    }

    [Fact]
    public async Task R_AU1_an_erasure_made_while_a_service_is_down_is_applied_after_its_restart_and_a_redelivered_erasure_changes_nothing()
    {
        var first = await FollowedNominal.CreateAsync(suite);
        await first.EraseAsync();
        await FollowedNominal.GoneAsync(() => first.GetAssessmentAsync(first.Identity.AsOfficer), Wait, "the first assessment");
        var firstErased = Assert.Single(
            (await first.Nominals.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, first.Nominals.AsSupervisor)).Events,
            e => e.Nominal == first.Nominal.Name && e.Type == NominalEventType.Erased);
        var second = await FollowedNominal.CreateAsync(suite);

        await suite.ServiceProcesses["assessments"].StopAsync();
        try
        {
            await second.EraseAsync();
            // Wind the assessments consumer back before the first erasure: the feed delivers it again.
            await first.Nominals.Client.CommitFeedPositionAsync(new OffenderRisk.Contracts.Nominals.V1.CommitFeedPositionRequest { Consumer = "assessments", Sequence = firstErased.Sequence - 1 },
                suite.As(TestData.NewForce(), "svc:assessments", ["service"]));
        }
        finally
        {
            await suite.RestartServiceAsync("assessments");
        }

        await FollowedNominal.GoneAsync(() => second.GetAssessmentAsync(second.Identity.AsOfficer), Wait, "the assessment erased while its service was down");
        Assert.Single(await first.AuditAsync("assessments", first.Force, first.Nominal.Name), e => e.Operation == AuditOperation.Erasure);
        Assert.Single(await second.AuditAsync("assessments", second.Force, second.Nominal.Name), e => e.Operation == AuditOperation.Erasure);
    }

    private static Task VisibleAsync(Func<Task> read, string what) =>
        IdentityScenario.EventuallyAsync(async () =>
        {
            try
            {
                await read();
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, Wait, what);
}
