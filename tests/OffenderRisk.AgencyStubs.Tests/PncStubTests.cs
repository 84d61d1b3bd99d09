using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

public sealed class PncStubTests : IClassFixture<AgencyStubFixture<Pnc>>
{
    private const string Persons = "/pnc/v1/persons/lookup";
    private const string DriverRecords = "/pnc/v1/driver-records/lookup";
    private readonly AgencyStubFixture<Pnc> _stub;

    public PncStubTests(AgencyStubFixture<Pnc> stub)
    {
        _stub = stub;
        _stub.Reset();
    }

    [Fact]
    public async Task Pnc_person_lookup_returns_the_record_for_the_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000001A" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var record = response.Json;
        Assert.Equal("99/0000001A", record.GetProperty("pncId").GetString());
        Assert.Equal("ACTIVE", record.GetProperty("recordStatus").GetString());
        Assert.Equal("TESTPERSON", record.GetProperty("person").GetProperty("surname").GetString());
        Assert.Equal("Alpha", record.GetProperty("person").GetProperty("forenames")[0].GetString());
        Assert.Equal("1980-01-01", record.GetProperty("person").GetProperty("dateOfBirth").GetString());
        Assert.Equal(1, record.GetProperty("warningSignals").GetArrayLength());
    }

    [Fact]
    public async Task Pnc_person_lookup_returns_404_problem_for_the_not_found_selector()
    {
        var response = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000404N" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal("urn:offenderrisk:agency-stub:pnc:not-found", response.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Pnc_lookups_return_404_for_any_unlisted_well_formed_pnc_id()
    {
        var person = await _stub.Client.PostJsonAsync(Persons, new { pncId = "12/3456789Z" });
        var driver = await _stub.Client.PostJsonAsync(DriverRecords, new { pncId = "12/3456789Z" });

        Assert.Equal(HttpStatusCode.NotFound, person.Status);
        Assert.Equal(HttpStatusCode.NotFound, driver.Status);
    }

    [Fact]
    public async Task Pnc_driver_record_links_previous_records_and_name_changes()
    {
        var response = await _stub.Client.PostJsonAsync(DriverRecords, new { pncId = "99/0000002B" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var record = response.Json;
        Assert.Equal("TESTPERSON", record.GetProperty("currentName").GetProperty("surname").GetString());

        var changes = record.GetProperty("nameChanges").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(["TESTORIGINAL", "TESTMARRIED"], changes.Select(c => c.GetProperty("previousName").GetProperty("surname").GetString()));
        Assert.Equal(["TESTMARRIED", "TESTPERSON"], changes.Select(c => c.GetProperty("newName").GetProperty("surname").GetString()));
        Assert.Equal(["MARRIAGE", "DEED_POLL"], changes.Select(c => c.GetProperty("reason").GetString()));

        var links = record.GetProperty("linkedRecords").EnumerateArray().ToList();
        Assert.Equal(["99/0000011K", "99/0000012L"], links.Select(l => l.GetProperty("pncId").GetString()));
        Assert.All(links, l => Assert.Equal("PREVIOUS_RECORD", l.GetProperty("relationship").GetString()));
        Assert.All(links, l => Assert.Equal("NAME_CHANGE", l.GetProperty("linkReason").GetString()));
    }

    [Fact]
    public async Task Pnc_linked_previous_records_resolve_and_point_back_to_the_current_record()
    {
        foreach (var previous in new[] { "99/0000011K", "99/0000012L" })
        {
            var response = await _stub.Client.PostJsonAsync(Persons, new { pncId = previous });

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("SUPERSEDED", response.Json.GetProperty("recordStatus").GetString());
            Assert.Equal("99/0000002B", response.Json.GetProperty("supersededBy").GetString());
        }

        var current = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000002B" });
        Assert.Equal(["99/0000011K", "99/0000012L"], current.Json.GetProperty("mergedRecords").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Pnc_driver_record_without_name_changes_has_empty_link_lists()
    {
        var response = await _stub.Client.PostJsonAsync(DriverRecords, new { pncId = "99/0000001A" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        // Present and empty, never absent: consumers can tell "none" from "not supplied".
        Assert.Equal(JsonValueKind.Array, response.Json.GetProperty("nameChanges").ValueKind);
        Assert.Equal(0, response.Json.GetProperty("nameChanges").GetArrayLength());
        Assert.Equal(0, response.Json.GetProperty("linkedRecords").GetArrayLength());
    }

    [Fact]
    public async Task Pnc_driver_record_lookup_returns_404_no_driver_record_for_a_person_never_licensed()
    {
        var person = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000007G" });
        var driver = await _stub.Client.PostJsonAsync(DriverRecords, new { pncId = "99/0000007G" });

        Assert.Equal(HttpStatusCode.OK, person.Status);
        Assert.Equal(HttpStatusCode.NotFound, driver.Status);
        Assert.Equal("urn:offenderrisk:agency-stub:pnc:no-driver-record", driver.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Pnc_person_lookup_fails_once_then_succeeds_in_sequence_scenario()
    {
        var first = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000555F" });
        var second = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000555F" });
        var third = await _stub.Client.PostJsonAsync(Persons, new { pncId = "99/0000555F" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("Foxtrot", second.Json.GetProperty("person").GetProperty("forenames")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal("recovered", _stub.Server.GetScenarioState("pnc-flaky-lookup"));
    }

    [Fact]
    public async Task Pnc_slow_selector_answers_correctly_after_three_seconds()
    {
        var watch = Stopwatch.StartNew();

        var response = await _stub.Client.PostJsonAsync(DriverRecords, new { pncId = "99/0000408S" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.9), $"answered after {watch.Elapsed}");
        Assert.Equal("99/0000408S", response.Json.GetProperty("pncId").GetString());
    }
}
