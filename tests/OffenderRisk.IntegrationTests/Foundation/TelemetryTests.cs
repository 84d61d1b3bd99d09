using System.Text;
using Dapper;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>Operators see one request as one trace; nobody sees personal data in telemetry.</summary>
[Collection(SuiteCollection.Name)]
public sealed class TelemetryTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);

    [Fact]
    public async Task One_request_is_one_trace_from_the_gateway_through_the_service()
    {
        var force = TestData.NewForce();
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-T001", RoleSets.Mosovo))).Nominal;
        // The audit entry carries the request's trace id: the join between the log and telemetry.
        await using var db = await suite.Storage.OpenAsync("nominals");
        var traceId = await db.ExecuteScalarAsync<string>("SELECT trace_id FROM audit_log WHERE subject = @s", new { s = created.Name });
        Assert.False(string.IsNullOrEmpty(traceId));

        var spans = await suite.Telemetry.WaitForSpansAsync(s => s.TraceId == traceId,
            found => found.Any(s => s.Service == "nominals") && found.Count(s => s.Service == "gateway") >= 2, TimeSpan.FromSeconds(15));

        var serviceServer = Assert.Single(spans, s => s.Service == "nominals" && s.Scope == "Microsoft.AspNetCore");
        var byId = spans.ToDictionary(s => s.SpanId);
        var ancestors = new List<CollectedSpan>();
        for (var parent = serviceServer.ParentSpanId; parent.Length > 0; parent = byId[parent].ParentSpanId)
        {
            Assert.True(byId.ContainsKey(parent), $"span {parent} of the chain was not exported");
            ancestors.Add(byId[parent]);
        }
        // nominals server <- gateway HTTP client <- YARP forwarder <- gateway server (the root).
        Assert.All(ancestors, s => Assert.Equal("gateway", s.Service));
        Assert.Equal("System.Net.Http", ancestors[0].Scope);
        Assert.Equal("Microsoft.AspNetCore", ancestors[^1].Scope);
        Assert.Contains(ancestors, s => s.Scope == "Yarp.ReverseProxy");
        Assert.Contains("CreateNominal", serviceServer.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_personal_data_reaches_traces_metrics_logs_or_console_output()
    {
        var canary = "ZZCANARY" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var force = TestData.NewForce();
        var nominal = TestData.Nominal(familyName: canary, givenNames: canary + "GIVEN");
        var created = (await Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(force, "PC-T101", RoleSets.Mosovo))).Nominal;
        await Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-T101", RoleSets.Mosovo));
        var bad = TestData.Nominal(familyName: canary);
        bad.PncId = canary; // invalid: the refusal must not echo the value
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Nominals.CreateNominalAsync(new CreateNominalRequest { Nominal = bad }, suite.As(force, "PC-T101", RoleSets.Mosovo)).ResponseAsync);

        // Let every exporter flush at least once more.
        var before = suite.Telemetry.Payloads().Count;
        await suite.Telemetry.WaitForSpansAsync(_ => true, _ => suite.Telemetry.Payloads().Count > before + 3, TimeSpan.FromSeconds(10));

        var needle = Encoding.UTF8.GetBytes(canary);
        Assert.All(suite.Telemetry.Payloads(), payload => Assert.Equal(-1, payload.AsSpan().IndexOf(needle)));
        foreach (var process in suite.ServiceProcesses.Values.Append(suite.Gateway))
        {
            Assert.DoesNotContain(canary, process.Output, StringComparison.Ordinal);
        }
    }
}
