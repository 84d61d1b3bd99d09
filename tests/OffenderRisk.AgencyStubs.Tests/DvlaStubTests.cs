using System.Net;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

public sealed class DvlaStubTests : IClassFixture<AgencyStubFixture<Dvla>>
{
    private const string Validate = "/dvla/v1/driver-licences/validate";
    private const string Markers = "/dvla/v1/markers";
    private readonly AgencyStubFixture<Dvla> _stub;

    public DvlaStubTests(AgencyStubFixture<Dvla> stub)
    {
        _stub = stub;
        _stub.Reset();
    }

    private static object Marker(string licenceNumber) => AgencyCase.For(AgencyNames.Dvla).MarkerBody!(licenceNumber);

    [Fact]
    public async Task Dvla_licence_validation_returns_the_current_holder_for_the_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Validate, new { licenceNumber = "TESTP801010AA9AA" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("VALID", response.Json.GetProperty("status").GetString());
        Assert.Equal("Alpha", response.Json.GetProperty("holder").GetProperty("forenames")[0].GetString());
    }

    [Fact]
    public async Task Dvla_licence_validation_has_no_name_change_links_even_after_a_name_change()
    {
        // TESTPERSON Bravo changed name twice (see the PNC driver record for 99/0000002B); DVLA shows the current name only (R-IC4).
        var response = await _stub.Client.PostJsonAsync(Validate, new { licenceNumber = "TESTP802022BB9BB" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("TESTPERSON", response.Json.GetProperty("holder").GetProperty("surname").GetString());
        var fields = response.Json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("nameChanges", fields);
        Assert.DoesNotContain("linkedRecords", fields);
        Assert.DoesNotContain("previousNames", fields);
    }

    [Fact]
    public async Task Dvla_licence_validation_returns_404_problem_for_the_not_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Validate, new { licenceNumber = "TESTP804040NF9NF" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:dvla:licence-not-found", response.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Dvla_previous_driver_numbers_are_unknown_to_dvla()
    {
        var response = await _stub.Client.PostJsonAsync(Validate, new { licenceNumber = "TESTM802022BB9BB" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Dvla_marker_is_accepted_with_201_and_a_marker_id_derived_from_the_idempotency_key()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP801010AA9AA"), "dvla-key-0001");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("DVLA-MKR-dvla-key-0001", response.Json.GetProperty("markerId").GetString());
        Assert.Equal("PLACED", response.Json.GetProperty("status").GetString());
        Assert.Equal("TESTP801010AA9AA", response.Json.GetProperty("licenceNumber").GetString());
        Assert.Equal("OR-TEST-0001", response.Json.GetProperty("caseReference").GetString());
        Assert.Equal("/dvla/v1/markers/DVLA-MKR-dvla-key-0001", response.Header("Location"));
        Assert.Equal("dvla-key-0001", response.Header(StubHeaders.IdempotencyKey));
        Assert.Null(response.Header(StubHeaders.IdempotencyReplayed));
    }

    [Fact]
    public async Task Dvla_marker_without_Idempotency_Key_is_rejected_with_400_even_for_a_fault_selector()
    {
        var plain = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP801010AA9AA"));
        var fault = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP805030UU9UU"));

        Assert.Equal(HttpStatusCode.BadRequest, plain.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:dvla:idempotency-key-required", plain.Json.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, fault.Status);
    }

    [Fact]
    public async Task Dvla_marker_already_present_returns_409_with_the_existing_marker()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP804090AP9AP"), "dvla-key-0409");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:dvla:marker-already-present", response.Json.GetProperty("type").GetString());
        Assert.Equal("DVLA-MKR-EXISTING-0409", response.Json.GetProperty("existingMarkerId").GetString());
    }

    [Fact]
    public async Task Dvla_marker_for_an_unknown_licence_returns_404()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP804040NF9NF"), "dvla-key-0404");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Dvla_marker_replay_with_the_same_idempotency_key_returns_the_same_marker_and_replayed_flag()
    {
        var first = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP802000RP9RP"), "dvla-replay-key");
        var replay = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP802000RP9RP"), "dvla-replay-key");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("true", replay.Header(StubHeaders.IdempotencyReplayed));
        Assert.Equal(first.Json.GetProperty("markerId").GetString(), replay.Json.GetProperty("markerId").GetString());
        Assert.Equal(2, _stub.Server.CountDeliveries("dvla-replay-key", Markers));
    }

    [Fact]
    public async Task Dvla_marker_lost_response_then_retry_with_the_same_key_returns_the_replayed_result()
    {
        await Assert.ThrowsAsync<HttpRequestException>(
            () => _stub.Client.PostJsonAsync(Markers, Marker("TESTP804441LR9LR"), "dvla-lost-key"));
        var retry = await _stub.Client.PostJsonAsync(Markers, Marker("TESTP804441LR9LR"), "dvla-lost-key");

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("true", retry.Header(StubHeaders.IdempotencyReplayed));
        Assert.Equal("DVLA-MKR-dvla-lost-key", retry.Json.GetProperty("markerId").GetString());
        Assert.Equal(2, _stub.Server.CountDeliveries("dvla-lost-key"));
    }

    [Fact]
    public async Task Dvla_marker_deliveries_per_idempotency_key_are_countable_through_the_admin_request_log()
    {
        await _stub.Client.PostJsonAsync(Markers, Marker("TESTP801010AA9AA"), "count-key-A");
        await _stub.Client.PostJsonAsync(Markers, Marker("TESTP801010AA9AA"), "count-key-A");
        await _stub.Client.PostJsonAsync(Markers, Marker("TESTP802022BB9BB"), "count-key-B");

        // Exactly what the README tells integration teams to send.
        const string findByKey = """
            {
              "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/dvla/v1/markers" } ] },
              "Methods": [ "POST" ],
              "Headers": [ { "Name": "Idempotency-Key", "Matchers": [ { "Name": "ExactMatcher", "Pattern": "count-key-A" } ] } ]
            }
            """;
        var found = await _stub.Client.AdminAsync(HttpMethod.Post, "requests/find", findByKey);
        var all = await _stub.Client.AdminAsync(HttpMethod.Get, "requests");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(2, found.Json.GetArrayLength());
        var perKey = all.Json.EnumerateArray()
            .Select(e => e.GetProperty("Request").GetProperty("Headers"))
            .Where(h => h.TryGetProperty(StubHeaders.IdempotencyKey, out _))
            .GroupBy(h => h.GetProperty(StubHeaders.IdempotencyKey)[0].GetString())
            .ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["count-key-A"] = 2, ["count-key-B"] = 1 }, perKey);
        Assert.Equal(1, _stub.Server.CountDeliveries("count-key-B"));
    }

    [Fact]
    public async Task Dvla_templates_the_idempotency_key_even_when_sent_in_lower_case()
    {
        var request = StubHttp.Post(Markers, Marker("TESTP801010AA9AA"));
        request.Headers.Add("idempotency-key", "lower-case-key");

        var response = await _stub.Client.CallAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("DVLA-MKR-lower-case-key", response.Json.GetProperty("markerId").GetString());
        Assert.Equal(1, _stub.Server.CountDeliveries("lower-case-key"));
    }

    [Fact]
    public async Task Dvla_slow_marker_is_still_placed_after_the_client_gives_up()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _stub.Client.PostJsonAsync(Markers, Marker("TESTP804080SS9SS"), "dvla-slow-key", timeout.Token));

        // The agency still placed it (a retry must reuse the key). WireMock logs a delivery once it has answered,
        // so the entry appears when the 3 s delay ends, not when the client gave up.
        Assert.True(
            await Eventually.TrueWithin(TimeSpan.FromSeconds(6), () => _stub.Server.CountDeliveries("dvla-slow-key") == 1),
            "the slow delivery never reached the request log");
    }
}
