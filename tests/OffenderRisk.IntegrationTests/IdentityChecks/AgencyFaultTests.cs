using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>
/// Each fault the stubs simulate, seen by a caller through the gateway: UNAVAILABLE or
/// DEADLINE_EXCEEDED with a clear message naming the agency, never a stack trace, and nothing
/// stored from an answer that failed validation.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AgencyFaultTests(SuiteFixture suite)
{
    private const string Persons = "/pnc/v1/persons/lookup";

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_agency_asked_for_then_UNAVAILABLE()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var before = s.Requests("pnc", Persons, "99/0000429T").Count;
        var e = await Unavailable(() => s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = "99/0000429T" }, s.AsOfficer).ResponseAsync);
        Assert.Contains("throttling", e.Status.Detail, StringComparison.Ordinal);

        var deliveries = s.Requests("pnc", Persons, "99/0000429T").Skip(before).ToList();
        Assert.Equal(4, deliveries.Count); // the call and three retries
        var gaps = deliveries.Zip(deliveries.Skip(1), (a, b) => b.RequestMessage.DateTime - a.RequestMessage.DateTime).ToList();
        // Retry-After: 1 (seconds), not the 100 ms back-off configured for the suite.
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after {gap}"));
    }

    [Fact]
    public async Task A_503_on_a_read_only_lookup_is_retried_then_UNAVAILABLE()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var before = s.Requests("pnc", Persons, "99/0000503U").Count;
        var e = await Unavailable(() => s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = "99/0000503U" }, s.AsOfficer).ResponseAsync);
        Assert.Contains("PNC is unavailable (HTTP 503)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(4, s.Requests("pnc", Persons, "99/0000503U").Count - before);
        // The identifier reached PNC, so the attempt is a disclosure even without an answer.
        Assert.Contains(await s.AuditAsync(s.Nominal.Name), a => a.Operation == (long)AuditOperation.Disclosure && a.Recipients.SequenceEqual(["agency:pnc"]));
    }

    [Fact]
    public async Task A_fail_then_succeed_sequence_is_ridden_out_by_the_retry()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        s.Stub("pnc").ResetScenario("pnc-flaky-lookup");
        var before = s.Requests("pnc", Persons, "99/0000555F").Count;
        var response = await s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = "99/0000555F" }, s.AsOfficer);
        Assert.True(response.Found);
        Assert.Equal("Foxtrot", response.Person.Name.GivenNames);
        Assert.Equal(2, s.Requests("pnc", Persons, "99/0000555F").Count - before);
    }

    [Fact]
    public async Task A_slow_agency_beyond_its_timeout_gives_DEADLINE_EXCEEDED_with_a_clear_message()
    {
        // The suite gives PND a 1 s attempt timeout and 2.5 s in total; its slow selector answers after 3 s.
        var s = await IdentityScenario.CreateAsync(suite);
        var e = await RpcAssert.FailsAsync(StatusCode.DeadlineExceeded,
            () => s.Enquiries.SearchPndIntelligenceAsync(new SearchPndIntelligenceRequest { Nominal = s.Nominal.Name, PncId = "99/0000408S" }, s.AsOfficer).ResponseAsync);
        Assert.Equal("DEPENDENCY_TIMEOUT", e.ErrorInfo().Reason);
        Assert.Equal("pnd", e.ErrorInfo().Metadata["dependency"]);
        Assert.Equal("PND did not answer in time.", e.Status.Detail);
        await AssertNothingStoredAsync(s);
    }

    [Fact]
    public async Task A_caller_deadline_shorter_than_the_agency_stops_the_call()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        await RpcAssert.FailsAsync(StatusCode.DeadlineExceeded, () => s.Enquiries.LookupPassportAsync(new LookupPassportRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000408", Ground = EnquiryGround.OverseasTravelRegular,
        }, s.AsOfficerWithin(TimeSpan.FromSeconds(1.5))).ResponseAsync);
        await AssertNothingStoredAsync(s);
    }

    [Theory]
    [InlineData("pnc", "99/0000422M", "malformed JSON")]
    [InlineData("pnc", "99/0000204E", "malformed JSON")]
    [InlineData("dvla", "TESTP802040EE9EE", "malformed JSON")]
    [InlineData("hmpo", "990000206", "")]
    [InlineData("hmpo", "990000422", "malformed JSON")]
    public async Task A_malformed_empty_or_garbled_answer_is_rejected_and_never_stored(string agency, string identifier, string expected)
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var e = await Unavailable(() => Ask(s, agency, identifier));
        Assert.Contains("the answer was discarded and nothing was stored", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(agency, e.ErrorInfo().Metadata["dependency"]);
        Assert.DoesNotContain("TEST", e.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(s);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_then_UNAVAILABLE()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var before = s.Requests("pnc", Persons, "99/0000444R").Count;
        var e = await Unavailable(() => Ask(s, "pnc", "99/0000444R"));
        Assert.Contains("dropped the connection", e.Status.Detail, StringComparison.Ordinal);
        await IdentityScenario.EventuallyAsync(() => Task.FromResult(s.Requests("pnc", Persons, "99/0000444R").Count - before == 4),
            TimeSpan.FromSeconds(5), "four deliveries of the dropped lookup");
        await AssertNothingStoredAsync(s);
    }

    private static Task Ask(IdentityScenario s, string agency, string identifier) => agency switch
    {
        "pnc" => s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = identifier }, s.AsOfficer).ResponseAsync,
        "dvla" => s.Enquiries.ValidateDrivingLicenceAsync(new ValidateDrivingLicenceRequest
        {
            Nominal = s.Nominal.Name, DrivingLicenceNumber = identifier, Ground = EnquiryGround.VulnerablePersonsVocation,
        }, s.AsOfficer).ResponseAsync,
        _ => s.Enquiries.LookupPassportAsync(new LookupPassportRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = identifier, Ground = EnquiryGround.VulnerablePersonsVocation,
        }, s.AsOfficer).ResponseAsync,
    };

    private static async Task<RpcException> Unavailable(Func<Task> call)
    {
        var e = await RpcAssert.FailsAsync(StatusCode.Unavailable, call);
        Assert.Equal("DEPENDENCY_UNAVAILABLE", e.ErrorInfo().Reason);
        Assert.DoesNotContain("   at ", e.Status.Detail, StringComparison.Ordinal);
        return e;
    }

    private static async Task AssertNothingStoredAsync(IdentityScenario s)
    {
        await using var db = await s.OpenDatabaseAsync();
        var nominalId = s.Nominal.Name["nominals/".Length..];
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agency_enquiries WHERE nominal_id = @nominalId", new { nominalId }));
    }
}
