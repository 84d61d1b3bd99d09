using Dapper;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>One enquiry is one trace, from the gateway through identity-checks to the agency stub.</summary>
[Collection(SuiteCollection.Name)]
public sealed class IdentityTraceTests(SuiteFixture suite)
{
    [Fact]
    public async Task One_enquiry_is_one_trace_from_the_gateway_to_the_agency_with_no_personal_data()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var pncId = UniqueIds.PncId();
        await s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = pncId }, s.AsOfficer);

        await using var db = await s.OpenDatabaseAsync();
        var traceId = await db.ExecuteScalarAsync<string>("SELECT trace_id FROM audit_log WHERE subject = @subject AND operation = @op",
            new { subject = s.Nominal.Name, op = (long)AuditOperation.Disclosure });
        Assert.False(string.IsNullOrEmpty(traceId));

        // The stub received the trace context: the same trace id in its traceparent header.
        var delivery = Assert.Single(s.Requests("pnc", "/pnc/v1/persons/lookup", pncId));
        var traceparent = delivery.RequestMessage.Headers!.First(h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value.Single();
        Assert.Equal(traceId, traceparent.Split('-')[1]);

        var spans = await suite.Telemetry.WaitForSpansAsync(sp => sp.TraceId == traceId,
            found => found.Any(sp => sp.Service == "gateway") && found.Any(sp => sp.Service == IdentityScenario.Service && sp.Scope == "OffenderRisk.IdentityChecks")
                && found.Any(sp => sp.Service == IdentityScenario.Service && sp.Scope == "System.Net.Http" && sp.Attributes.GetValueOrDefault("server.port") == s.Stub("pnc").Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(15));
        var agencySpan = Assert.Single(spans, sp => sp.Scope == "OffenderRisk.IdentityChecks");
        Assert.Equal("PNC persons.lookup", agencySpan.Name);
        Assert.Equal("pnc", agencySpan.Attributes["offenderrisk.agency"]);
        Assert.Equal("persons.lookup", agencySpan.Attributes["offenderrisk.agency.operation"]);
        Assert.Equal("not-found", agencySpan.Attributes["offenderrisk.agency.outcome"]);
        Assert.Contains(spans, sp => sp.Service == "gateway");
        // The HTTP span to the agency is a child of the agency span, and the one the stub saw.
        var httpSpan = Assert.Single(spans, sp => sp.Scope == "System.Net.Http" && sp.Service == IdentityScenario.Service && sp.ParentSpanId == agencySpan.SpanId);
        Assert.Equal(httpSpan.SpanId, traceparent.Split('-')[2]);
        // No identifier in any span of the trace.
        Assert.All(spans, sp => Assert.DoesNotContain(sp.Attributes.Values, v => v.Contains(pncId, StringComparison.Ordinal) || v.Contains(pncId.Replace("/", "%2F", StringComparison.Ordinal), StringComparison.Ordinal)));
    }
}
