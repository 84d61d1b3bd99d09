using System.Text.Json;
using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>
/// Marker requests (R-IC2) stored first and delivered through the durable outbox, across agency
/// outages and a killed service, exactly once from the agency's point of view (R-IC5).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class MarkerRequestTests(SuiteFixture suite)
{
    private const string HmpoMarkers = "/hmpo/v1/markers";
    private const string DvlaMarkers = "/dvla/v1/markers";

    [Fact]
    public async Task R_IC1_a_marker_request_without_a_ground_is_refused_and_nothing_is_stored()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        await RpcAssert.RefusedByRuleAsync("R-IC1", "marker_request.ground", () => s.Markers.CreateMarkerRequestAsync(new CreateMarkerRequestRequest
        {
            MarkerRequest = new MarkerRequest { Nominal = s.Nominal.Name, Agency = Agency.Hmpo, PassportNumber = "990000001" },
        }, s.AsOfficer).ResponseAsync);
        var list = await s.Markers.ListMarkerRequestsAsync(new ListMarkerRequestsRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        Assert.Empty(list.MarkerRequests);
    }

    [Fact]
    public async Task R_IC5_a_marker_request_is_stored_pending_then_delivered_with_its_idempotency_key()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var created = await Request(s, Agency.Dvla, "TESTP801010AA9AA");
        Assert.Equal(MarkerRequestState.Pending, created.State);
        Assert.Equal(NominalOfficer, created.RequestedBy);

        var delivered = await s.WaitForMarkerAsync(created.Name, m => m.State != MarkerRequestState.Pending, TimeSpan.FromSeconds(15));
        Assert.Equal(MarkerRequestState.Delivered, delivered.State);
        Assert.Equal("PLACED", delivered.AgencyOutcome);
        Assert.Equal("DVLA-MKR-" + created.IdempotencyKey, delivered.MarkerId);
        var delivery = Assert.Single(s.Stub("dvla").FindDeliveries(created.IdempotencyKey, DvlaMarkers));
        Assert.Contains("TESTP801010AA9AA", delivery.RequestMessage.Body, StringComparison.Ordinal);

        // Stored with its audit entry; the delivery is a disclosure to DVLA by the outbox worker.
        Assert.Contains(await s.AuditAsync(created.Name), a => a.Operation == (long)AuditOperation.Collection && a.Actor == NominalOfficer);
        await IdentityScenario.EventuallyAsync(async () => (await s.AuditAsync(s.Nominal.Name)).Any(a =>
            a.Operation == (long)AuditOperation.Disclosure && a.Recipients.SequenceEqual(["agency:dvla"]) && a.Actor == "system:identity-checks-outbox"),
            TimeSpan.FromSeconds(5), "the delivery's disclosure entry");
    }

    [Fact]
    public async Task R_IC5_a_repeated_create_with_the_same_request_id_is_one_marker_request()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var request = new CreateMarkerRequestRequest
        {
            MarkerRequest = new MarkerRequest { Nominal = s.Nominal.Name, Agency = Agency.Hmpo, PassportNumber = "990000002", Ground = EnquiryGround.OverseasTravelOccupation },
            RequestId = Guid.NewGuid().ToString(),
        };
        var first = (await s.Markers.CreateMarkerRequestAsync(request, s.AsOfficer)).MarkerRequest;
        var again = (await s.Markers.CreateMarkerRequestAsync(request, s.AsOfficer)).MarkerRequest;
        Assert.Equal(first.Name, again.Name);
        Assert.Equal(first.IdempotencyKey, again.IdempotencyKey);
        var list = await s.Markers.ListMarkerRequestsAsync(new ListMarkerRequestsRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        Assert.Single(list.MarkerRequests);
    }

    [Fact]
    public async Task R_IC2_a_marker_already_present_is_delivered_as_already_present()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var dvla = await Request(s, Agency.Dvla, "TESTP804090AP9AP");
        var hmpo = await Request(s, Agency.Hmpo, "990000409");
        var dvlaDone = await s.WaitForMarkerAsync(dvla.Name, m => m.State != MarkerRequestState.Pending, TimeSpan.FromSeconds(15));
        var hmpoDone = await s.WaitForMarkerAsync(hmpo.Name, m => m.State != MarkerRequestState.Pending, TimeSpan.FromSeconds(15));
        Assert.Equal((MarkerRequestState.Delivered, "ALREADY_PRESENT", "DVLA-MKR-EXISTING-0409"), (dvlaDone.State, dvlaDone.AgencyOutcome, dvlaDone.MarkerId));
        Assert.Equal((MarkerRequestState.Delivered, "ALREADY_PRESENT", "HMPO-MKR-EXISTING-0409"), (hmpoDone.State, hmpoDone.AgencyOutcome, hmpoDone.MarkerId));
        // 409 at DVLA means "done": it is not retried.
        Assert.Single(s.Stub("dvla").FindDeliveries(dvla.IdempotencyKey, DvlaMarkers));
    }

    [Fact]
    public async Task R_IC2_a_marker_the_agency_refuses_is_rejected_with_the_agencys_reason()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var created = await Request(s, Agency.Hmpo, "990000404");
        var done = await s.WaitForMarkerAsync(created.Name, m => m.State != MarkerRequestState.Pending, TimeSpan.FromSeconds(15));
        Assert.Equal(MarkerRequestState.Rejected, done.State);
        Assert.StartsWith("passport-not-found", done.RejectionReason, StringComparison.Ordinal);
        Assert.Empty(done.MarkerId);
    }

    [Fact]
    public async Task R_IC5_a_fail_then_succeed_agency_is_ridden_out_with_one_key()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        s.Stub("hmpo").ResetScenario("hmpo-marker-flaky");
        var created = await Request(s, Agency.Hmpo, "990000555");
        var done = await s.WaitForMarkerAsync(created.Name, m => m.State == MarkerRequestState.Delivered, TimeSpan.FromSeconds(15));
        Assert.Equal("HMPO-MKR-" + created.IdempotencyKey, done.MarkerId);
        var deliveries = s.Stub("hmpo").FindDeliveries(created.IdempotencyKey, HmpoMarkers);
        Assert.Equal([503, 503, 201], deliveries.Select(Status));
    }

    [Fact]
    public async Task R_IC5_a_marker_request_rides_out_a_simulated_HMPO_outage()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var hmpo = s.Stub("hmpo");
        hmpo.SetScenarioState("hmpo-outage", "down");
        try
        {
            var created = await Request(s, Agency.Hmpo, "990000001");
            // Several failed deliveries later it is still pending, with the failure recorded.
            var waiting = await s.WaitForMarkerAsync(created.Name, m => m.DeliveryAttempts >= 2, TimeSpan.FromSeconds(20));
            Assert.Equal(MarkerRequestState.Pending, waiting.State);
            Assert.Equal("unavailable", waiting.LastFailure);
            Assert.NotNull(waiting.NextAttemptTime);
        }
        finally
        {
            hmpo.SetScenarioState("hmpo-outage", "up");
        }
        var list = await s.Markers.ListMarkerRequestsAsync(new ListMarkerRequestsRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        var name = Assert.Single(list.MarkerRequests).Name;
        var delivered = await s.WaitForMarkerAsync(name, m => m.State == MarkerRequestState.Delivered, TimeSpan.FromSeconds(20));
        var deliveries = hmpo.FindDeliveries(delivered.IdempotencyKey, HmpoMarkers);
        Assert.True(deliveries.Count >= 3);
        Assert.Single(deliveries, d => Status(d) == 201);
        Assert.Equal("HMPO-MKR-" + delivered.IdempotencyKey, delivered.MarkerId);
    }

    [Fact]
    public async Task R_IC5_a_marker_is_placed_exactly_once_when_the_service_is_killed_mid_delivery()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        // 990000408 answers after 3 s: time to kill the service while HMPO is placing the marker.
        var created = await Request(s, Agency.Hmpo, "990000408");
        var markerId = created.Name["markerRequests/".Length..];
        await IdentityScenario.EventuallyAsync(async () =>
        {
            await using var db = await s.OpenDatabaseAsync();
            return await db.ExecuteScalarAsync<long>("SELECT attempts FROM outbox WHERE reference_id = @markerId", new { markerId }) >= 1;
        }, TimeSpan.FromSeconds(10), "the outbox to claim the delivery");
        await Task.Delay(500);

        await suite.ServiceProcesses[IdentityScenario.Service].StopAsync(); // Process.Kill: no graceful shutdown
        var hmpo = s.Stub("hmpo");
        // HMPO finishes the placement it was given, though nobody is listening any more.
        await IdentityScenario.EventuallyAsync(() => Task.FromResult(hmpo.CountDeliveries(created.IdempotencyKey, HmpoMarkers) >= 1),
            TimeSpan.FromSeconds(10), "HMPO to log the first delivery");
        await using (var db = await s.OpenDatabaseAsync())
        {
            var state = await db.ExecuteScalarAsync<long>("SELECT state FROM marker_requests WHERE id = @markerId", new { markerId });
            Assert.Equal((long)MarkerRequestState.Pending, state);
        }

        await suite.RestartServiceAsync(IdentityScenario.Service);
        var delivered = await s.WaitForMarkerAsync(created.Name, m => m.State == MarkerRequestState.Delivered, TimeSpan.FromSeconds(40));

        var expectedMarker = "HMPO-MKR-" + created.IdempotencyKey;
        Assert.Equal(expectedMarker, delivered.MarkerId);
        var deliveries = hmpo.FindDeliveries(created.IdempotencyKey, HmpoMarkers);
        Assert.True(deliveries.Count >= 2, $"expected a redelivery after the kill, saw {deliveries.Count}");
        // Every delivery carried the same key and the same body, and every answer named the same marker.
        Assert.Single(deliveries.Select(d => d.RequestMessage.Body).Distinct());
        Assert.Single(deliveries.Select(MarkerIdOf).Distinct());
        Assert.Equal(expectedMarker, MarkerIdOf(deliveries[0]));
        // No other key was ever used for this request (its case reference is the request's id).
        var allForThisRequest = hmpo.Server.LogEntries.Where(e => e.RequestMessage.Path == HmpoMarkers && (e.RequestMessage.Body ?? "").Contains(markerId, StringComparison.Ordinal)).ToList();
        Assert.Equal(deliveries.Count, allForThisRequest.Count);
    }

    private static int Status(WireMock.Logging.ILogEntry entry) =>
        Convert.ToInt32(entry.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The marker id in the answer HMPO logged (WireMock keeps a JSON body as a JSON.NET object).</summary>
    private static string? MarkerIdOf(WireMock.Logging.ILogEntry entry)
    {
        var body = entry.ResponseMessage.BodyData;
        var text = body?.BodyAsString ?? body?.BodyAsJson?.ToString();
        return text is null ? null : JsonDocument.Parse(text).RootElement.GetProperty("markerId").GetString();
    }

    private static async Task<MarkerRequest> Request(IdentityScenario s, Agency agency, string document)
    {
        var marker = new MarkerRequest { Nominal = s.Nominal.Name, Agency = agency, Ground = EnquiryGround.OverseasTravelLikelyToOffend };
        if (agency == Agency.Dvla)
        {
            marker.DrivingLicenceNumber = document;
        }
        else
        {
            marker.PassportNumber = document;
        }
        return (await s.Markers.CreateMarkerRequestAsync(new CreateMarkerRequestRequest { MarkerRequest = marker }, s.AsOfficer)).MarkerRequest;
    }

    private const string NominalOfficer = OffenderRisk.IntegrationTests.Nominals.NominalScenario.Officer;
}
