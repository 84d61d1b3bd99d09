using System.Net;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

public sealed class PndStubTests : IClassFixture<AgencyStubFixture<Pnd>>
{
    private const string Search = "/pnd/v1/intelligence/search";
    private readonly AgencyStubFixture<Pnd> _stub;

    public PndStubTests(AgencyStubFixture<Pnd> stub)
    {
        _stub = stub;
        _stub.Reset();
    }

    [Fact]
    public async Task Pnd_search_returns_intelligence_summaries_for_the_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Search, new { subject = new { pncId = "99/0000001A" }, purpose = "PUBLIC_PROTECTION" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(2, response.Json.GetProperty("totalMatches").GetInt32());
        var results = response.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.StartsWith("SYNTHETIC TEST RECORD", r.GetProperty("summary").GetString(), StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal("P", r.GetProperty("grading").GetProperty("handlingCode").GetString()));
    }

    [Fact]
    public async Task Pnd_search_finds_intelligence_recorded_under_a_previous_name()
    {
        var response = await _stub.Client.PostJsonAsync(Search, new { subject = new { pncId = "99/0000002B" } });

        var result = Assert.Single(response.Json.GetProperty("results").EnumerateArray());
        Assert.Contains("PREVIOUS_NAME", result.GetProperty("matchBasis").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Pnd_search_without_matches_returns_200_with_empty_results_not_404()
    {
        var response = await _stub.Client.PostJsonAsync(Search, new { subject = new { pncId = "99/0000404N" } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Json.GetProperty("totalMatches").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("results").GetArrayLength());
        Assert.Equal("99/0000404N", response.Json.GetProperty("subjectPncId").GetString());
    }

    [Fact]
    public async Task Pnd_name_only_search_is_accepted_with_empty_results()
    {
        var response = await _stub.Client.PostJsonAsync(Search, new { subject = new { surname = "TESTPERSON", forenames = new[] { "Alpha" }, dateOfBirth = "1980-01-01" } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Json.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Pnd_search_without_subject_is_rejected_with_400()
    {
        var response = await _stub.Client.PostJsonAsync(Search, new { purpose = "PUBLIC_PROTECTION" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:pnd:invalid-request", response.Json.GetProperty("type").GetString());
    }
}
