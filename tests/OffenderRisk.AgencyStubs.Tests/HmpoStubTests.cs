using System.Net;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

public sealed class HmpoStubTests : IClassFixture<AgencyStubFixture<Hmpo>>
{
    private const string Lookup = "/hmpo/v1/omnibase/passports/lookup";
    private const string Markers = "/hmpo/v1/markers";
    private readonly AgencyStubFixture<Hmpo> _stub;

    public HmpoStubTests(AgencyStubFixture<Hmpo> stub)
    {
        _stub = stub;
        _stub.Reset();
    }

    private static object Marker(string passportNumber) => AgencyCase.For(AgencyNames.Hmpo).MarkerBody!(passportNumber);

    [Fact]
    public async Task Hmpo_passport_lookup_returns_the_omnibase_record_for_the_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Lookup, new { passportNumber = "990000001" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("OMNIBASE (SIMULATED)", response.Json.GetProperty("source").GetString());
        Assert.Equal("VALID", response.Json.GetProperty("status").GetString());
        Assert.Equal("TESTPERSON", response.Json.GetProperty("holder").GetProperty("surname").GetString());
        Assert.Equal("990000901", response.Json.GetProperty("previousPassportNumbers")[0].GetString());
        Assert.Equal(0, response.Json.GetProperty("markers").GetArrayLength());
    }

    [Fact]
    public async Task Hmpo_passport_lookup_returns_404_problem_for_the_not_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Lookup, new { passportNumber = "990000404" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:hmpo:passport-not-found", response.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Hmpo_marker_is_accepted_with_201()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "hmpo-key-0001");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("PLACED", response.Json.GetProperty("outcome").GetString());
        Assert.Equal("HMPO-MKR-hmpo-key-0001", response.Json.GetProperty("markerId").GetString());
        Assert.Equal("990000001", response.Json.GetProperty("passportNumber").GetString());
        Assert.Equal("/hmpo/v1/markers/HMPO-MKR-hmpo-key-0001", response.Header("Location"));
    }

    [Fact]
    public async Task Hmpo_marker_without_Idempotency_Key_is_rejected_with_400()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:hmpo:idempotency-key-required", response.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Hmpo_marker_already_present_returns_200_with_outcome_already_present()
    {
        var response = await _stub.Client.PostJsonAsync(Markers, Marker("990000409"), "hmpo-key-0409");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ALREADY_PRESENT", response.Json.GetProperty("outcome").GetString());
        Assert.Equal("HMPO-MKR-EXISTING-0409", response.Json.GetProperty("markerId").GetString());
    }

    [Fact]
    public async Task Hmpo_marker_fails_twice_then_succeeds_in_sequence_scenario()
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await _stub.Client.PostJsonAsync(Markers, Marker("990000555"), "hmpo-flaky-key")).Status);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created, HttpStatusCode.Created], statuses);
        Assert.Equal(4, _stub.Server.CountDeliveries("hmpo-flaky-key", Markers));

        // Integration teams rewind a sequence through the admin API, without a restart.
        var reset = await _stub.Client.AdminAsync(HttpMethod.Post, "scenarios/hmpo-marker-flaky/reset");
        var afterReset = await _stub.Client.PostJsonAsync(Markers, Marker("990000555"), "hmpo-flaky-key-2");
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, afterReset.Status);
    }

    [Fact]
    public async Task Hmpo_outage_scenario_switched_through_the_admin_api_returns_503_until_set_back_up()
    {
        var before = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "outage-key-1");

        var down = await _stub.Client.AdminAsync(HttpMethod.Put, "scenarios/hmpo-outage/state", """{ "State": "down" }""");
        var duringFirst = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "outage-key-2");
        var duringSecond = await _stub.Client.PostJsonAsync(Markers, Marker("990000002"), "outage-key-3");
        var lookupDuring = await _stub.Client.PostJsonAsync(Lookup, new { passportNumber = "990000001" });
        var scenarios = await _stub.Client.AdminAsync(HttpMethod.Get, "scenarios");

        var up = await _stub.Client.AdminAsync(HttpMethod.Put, "scenarios/hmpo-outage/state", """{ "State": "up" }""");
        var after = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "outage-key-2");

        Assert.Equal(HttpStatusCode.Created, before.Status);
        Assert.Equal(HttpStatusCode.OK, down.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringFirst.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringSecond.Status);
        Assert.Equal(HttpStatusCode.OK, lookupDuring.Status);
        var outage = Assert.Single(scenarios.Json.EnumerateArray(), s => s.GetProperty("Name").GetString() == "hmpo-outage");
        Assert.Equal("down", outage.GetProperty("NextState").GetString());
        Assert.Equal(HttpStatusCode.OK, up.Status);
        Assert.Equal(HttpStatusCode.Created, after.Status);
    }

    [Fact]
    public async Task Hmpo_outage_ends_when_all_scenarios_are_reset_through_the_admin_api()
    {
        _stub.Server.SetScenarioState("hmpo-outage", "down");
        var during = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "outage-reset-key");

        var reset = await _stub.Client.AdminAsync(HttpMethod.Post, "scenarios/reset");
        var after = await _stub.Client.PostJsonAsync(Markers, Marker("990000001"), "outage-reset-key");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.Null(_stub.Server.GetScenarioState("hmpo-outage"));
    }

    [Fact]
    public async Task Hmpo_marker_replay_with_the_same_idempotency_key_returns_the_same_marker_and_replayed_flag()
    {
        var first = await _stub.Client.PostJsonAsync(Markers, Marker("990000200"), "hmpo-replay-key");
        var replay = await _stub.Client.PostJsonAsync(Markers, Marker("990000200"), "hmpo-replay-key");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("true", replay.Header(StubHeaders.IdempotencyReplayed));
        Assert.Equal("HMPO-MKR-hmpo-replay-key", replay.Json.GetProperty("markerId").GetString());
        Assert.Equal(first.Text, replay.Text);
    }
}
