using System.Diagnostics;
using System.Net;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

/// <summary>Rules every agency stub shares: client identification, health, validation and the fault selectors.</summary>
public sealed class CommonContractTests(AllAgenciesFixture stubs) : IClassFixture<AllAgenciesFixture>
{
    public static TheoryData<string> Agencies => [.. AgencyNames.All];

    public static TheoryData<string> MarkerAgencies => [AgencyNames.Dvla, AgencyNames.Hmpo];

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_rejects_a_call_without_X_Client_Id_with_401_problem(string agency)
    {
        var server = stubs.Stubs[agency];
        var @case = AgencyCase.For(agency);
        using var anonymous = StubHttp.CreateClient(server, withClientId: false);

        var response = await anonymous.PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.FoundSelector));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.EndsWith(":client-id-required", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_rejects_a_blank_X_Client_Id_with_401(string agency)
    {
        var server = stubs.Stubs[agency];
        var @case = AgencyCase.For(agency);
        using var anonymous = StubHttp.CreateClient(server, withClientId: false);
        var request = StubHttp.Post(@case.LookupPath, @case.LookupBody(@case.FoundSelector));
        request.Headers.TryAddWithoutValidation(StubHeaders.ClientId, " ");

        var response = await anonymous.CallAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_serves_health_without_client_id(string agency)
    {
        using var anonymous = StubHttp.CreateClient(stubs.Stubs[agency], withClientId: false);

        var response = await anonymous.GetPathAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("UP", response.Json.GetProperty("status").GetString());
        Assert.Equal(agency.ToUpperInvariant(), response.Json.GetProperty("agency").GetString());
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_answers_the_found_selector_with_synthetic_data(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.FoundSelector));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.GetProperty("synthetic").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_rejects_a_malformed_identifier_with_400_problem(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.MalformedIdentifier));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.EndsWith(":invalid-request", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_rejects_a_body_that_is_not_json_with_400(string agency)
    {
        var @case = AgencyCase.For(agency);
        var request = new HttpRequestMessage(HttpMethod.Post, @case.LookupPath.TrimStart('/'))
        {
            Content = new StringContent("pncId=99/0000001A", System.Text.Encoding.UTF8, "text/plain"),
        };

        var response = await stubs.ClientFor(agency).CallAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_returns_429_with_Retry_After_for_the_throttle_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.Throttled]));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("1", response.Header("Retry-After"));
        Assert.EndsWith(":rate-limited", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_returns_503_without_Retry_After_for_the_unavailable_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.Unavailable]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Null(response.Header("Retry-After"));
        Assert.EndsWith(":unavailable", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_outlasts_a_one_second_client_timeout_for_the_slow_selector(string agency)
    {
        var @case = AgencyCase.For(agency);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.Slow]), cancellationToken: timeout.Token));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.9));
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_returns_truncated_json_for_the_malformed_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.MalformedJson]));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.NotEmpty(response.Body);
        Assert.False(StubHttp.IsValidJson(response.Body));
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_returns_an_empty_json_body_for_the_empty_response_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.EmptyBody]));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.Empty(response.Body);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_returns_a_garbled_body_for_the_malformed_chunk_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        var response = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.GarbledBody]));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        // WireMock.Net sends the first half of the body followed by random bytes; it also drops repeated byte values
        // (it joins them with a set union), so only the very start is recognisable.
        Assert.StartsWith("{\"synt", response.Text, StringComparison.Ordinal);
        Assert.False(StubHttp.IsValidJson(response.Body));
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_drops_the_connection_for_the_connection_reset_selector(string agency)
    {
        var @case = AgencyCase.For(agency);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.Faults[Fault.ConnectionReset])));

        // The client is still usable afterwards: only that one connection was dropped.
        var next = await stubs.ClientFor(agency).PostJsonAsync(@case.LookupPath, @case.LookupBody(@case.FoundSelector));
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Theory]
    [MemberData(nameof(MarkerAgencies))]
    public async Task Marker_endpoints_honour_the_throttle_unavailable_and_reset_selectors(string agency)
    {
        var @case = AgencyCase.For(agency);
        var client = stubs.ClientFor(agency);

        var throttled = await client.PostJsonAsync(@case.MarkerPath!, @case.MarkerBody!(@case.Faults[Fault.Throttled]), "key-throttled");
        var unavailable = await client.PostJsonAsync(@case.MarkerPath!, @case.MarkerBody!(@case.Faults[Fault.Unavailable]), "key-unavailable");
        await Assert.ThrowsAsync<HttpRequestException>(
            () => client.PostJsonAsync(@case.MarkerPath!, @case.MarkerBody!(@case.Faults[Fault.ConnectionReset]), "key-reset"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("1", throttled.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        // A dropped connection is still a delivery the agency received: it is in the request log.
        Assert.Equal(1, stubs.Stubs[agency].CountDeliveries("key-reset", @case.MarkerPath));
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Every_agency_matches_header_names_case_insensitively(string agency)
    {
        var @case = AgencyCase.For(agency);
        using var anonymous = StubHttp.CreateClient(stubs.Stubs[agency], withClientId: false);
        var request = StubHttp.Post(@case.LookupPath, @case.LookupBody(@case.FoundSelector));
        request.Headers.Add("x-client-id", "lower-case-client");

        var response = await anonymous.CallAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
