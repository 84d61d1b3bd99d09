using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>R-IC3: enquiries are deduplicated and rate limited per agency.</summary>
[Collection(SuiteCollection.Name)]
public sealed class EnquiryVolumeTests(SuiteFixture suite)
{
    [Fact]
    public async Task R_IC3_the_same_enquiry_within_the_window_returns_the_earlier_answer_without_calling_the_agency()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var request = new LookupPncDriverRecordRequest { Nominal = s.Nominal.Name, PncId = "99/0000001A" };
        var first = await s.Enquiries.LookupPncDriverRecordAsync(request, s.AsOfficer);
        var before = s.Requests("pnc", "/pnc/v1/driver-records/lookup", "99/0000001A").Count;
        var second = await s.Enquiries.LookupPncDriverRecordAsync(request, suite.As(s.Force, "SGT-DEDUP-1", RoleSets.Supervisor));

        Assert.False(first.Provenance.Deduplicated);
        Assert.True(second.Provenance.Deduplicated);
        Assert.Equal(first.Provenance.Enquiry, second.Provenance.Enquiry);
        Assert.Equal(first.DriverRecord, second.DriverRecord);
        Assert.Equal(before, s.Requests("pnc", "/pnc/v1/driver-records/lookup", "99/0000001A").Count);
        // The reuse is a consultation of the stored answer; only the first call disclosed anything.
        Assert.Single(await s.AuditAsync(s.Nominal.Name), e => e.Operation == (long)AuditOperation.Disclosure);
        Assert.Single(await s.AuditAsync(first.Provenance.Enquiry), e => e.Operation == (long)AuditOperation.Consultation);
    }

    [Fact]
    public async Task R_IC3_deduplication_is_per_nominal_and_per_enquiry()
    {
        var pncId = UniqueIds.PncId();
        var a = await IdentityScenario.CreateAsync(suite);
        var b = await IdentityScenario.CreateAsync(suite);
        await a.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = a.Nominal.Name, PncId = pncId }, a.AsOfficer);
        await b.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = b.Nominal.Name, PncId = pncId }, b.AsOfficer);
        await a.Enquiries.LookupPncDriverRecordAsync(new LookupPncDriverRecordRequest { Nominal = a.Nominal.Name, PncId = pncId }, a.AsOfficer);
        Assert.Equal(2, a.Requests("pnc", "/pnc/v1/persons/lookup", pncId).Count);
        Assert.Single(a.Requests("pnc", "/pnc/v1/driver-records/lookup", pncId));
    }

    [Fact]
    public async Task R_IC3_PND_enquiries_beyond_the_agency_rate_limit_are_refused_before_reaching_PND()
    {
        // The suite runs PND with 4 calls per 3 s (see SuiteFixture).
        var s = await IdentityScenario.CreateAsync(suite);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a fresh window
        var ids = Enumerable.Range(0, 8).Select(_ => UniqueIds.PncId()).ToList();
        var refused = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                await s.Enquiries.SearchPndIntelligenceAsync(new SearchPndIntelligenceRequest { Nominal = s.Nominal.Name, PncId = id }, s.AsOfficer);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                Assert.Contains("R-IC3", e.Status.Detail, StringComparison.Ordinal);
                Assert.Equal("pnd", e.ErrorInfo().Metadata["dependency"]);
                refused.Add(id);
            }
        }
        Assert.NotEmpty(refused);
        Assert.All(refused, id => Assert.Empty(s.Requests("pnd", "/pnd/v1/intelligence/search", id)));
        Assert.All(ids.Except(refused), id => Assert.Single(s.Requests("pnd", "/pnd/v1/intelligence/search", id)));
        await Task.Delay(TimeSpan.FromSeconds(3)); // leave PND's window free for the next test
    }
}
