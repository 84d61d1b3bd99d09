using System.Diagnostics;
using Grpc.Core;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;
using OffenderRisk.Testing.Otlp;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>
/// What an operator sees of a call in the trace list and the metrics: the root span is named after
/// the RPC with its gRPC status, a failed call is an error, every process counts each call in
/// rpc.server.call.duration, the agency calls are counted by outcome, and no span or metric
/// attribute carries the names or ids the calls were about.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class RpcTelemetryTests(SuiteFixture suite)
{
    private const string AssignOfficer = "offenderrisk.nominals.v1.NominalsService/AssignOfficer";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AssignOfficer_is_named_at_the_root_of_its_trace_with_status_ok_in_the_gateway_and_the_service()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var (options, caller) = Traced(s.AsSupervisor);

        await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = nominal.Etag }, options);

        var root = await RootAsync(caller);
        Assert.Equal("gateway", root.Service);
        Assert.Equal(AssignOfficer, root.Name);
        Assert.Equal("grpc", root.Attributes["rpc.system"]);
        Assert.Equal("offenderrisk.nominals.v1.NominalsService", root.Attributes["rpc.service"]);
        Assert.Equal("AssignOfficer", root.Attributes["rpc.method"]);
        Assert.Equal("0", root.Attributes["rpc.grpc.status_code"]);
        Assert.NotEqual(SpanStatusCode.StatusCodeError, root.Status);

        var server = await ServiceSpanAsync(root.TraceId);
        Assert.Equal(AssignOfficer, server.Name);
        Assert.Equal("0", server.Attributes["rpc.grpc.status_code"]);
    }

    [Fact]
    public async Task A_failed_AssignOfficer_is_an_error_at_the_root_and_in_the_service_described_by_its_code_only()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var (options, caller) = Traced(s.AsSupervisor);

        var error = await Assert.ThrowsAsync<RpcException>(() => s.Client.AssignOfficerAsync(
            new AssignOfficerRequest { Name = nominal.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = "stale-etag" }, options).ResponseAsync);

        var code = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var root = await RootAsync(caller);
        Assert.Equal(AssignOfficer, root.Name);
        Assert.Equal(code, root.Attributes["rpc.grpc.status_code"]);
        Assert.Equal(SpanStatusCode.StatusCodeError, root.Status);
        Assert.Matches("^[A-Z_]+$", root.StatusMessage); // the code's name, never the message
        var server = await ServiceSpanAsync(root.TraceId);
        Assert.Equal(code, server.Attributes["rpc.grpc.status_code"]);
        Assert.Equal(SpanStatusCode.StatusCodeError, server.Status);
        Assert.Equal(root.StatusMessage, server.StatusMessage);
    }

    [Fact]
    public async Task Rpc_server_call_duration_arrives_per_rpc_from_the_gateway_and_the_service()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);

        var points = await suite.Telemetry.WaitForMetricPointsAsync(
            p => p.Name == "rpc.server.call.duration" && p.Attributes.GetValueOrDefault("rpc.method") == "AssignOfficer",
            found => found.Any(p => p.Service == "gateway") && found.Any(p => p.Service == "nominals"), Wait);

        Assert.Contains(points, p => p.Service == "gateway");
        Assert.Contains(points, p => p.Service == "nominals");
        Assert.All(points, p =>
        {
            Assert.Equal("s", p.Unit);
            Assert.Equal("grpc", p.Attributes["rpc.system"]);
            Assert.Equal("offenderrisk.nominals.v1.NominalsService", p.Attributes["rpc.service"]);
            Assert.True(p.Attributes.ContainsKey("rpc.grpc.status_code"));
        });
    }

    [Fact]
    public async Task An_agency_call_is_counted_by_agency_operation_and_outcome_with_no_identifier()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var pncId = UniqueIds.PncId();

        await s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = pncId }, s.AsOfficer);

        var points = await suite.Telemetry.WaitForMetricPointsAsync(
            p => p.Name == "offenderrisk.agency.call.duration" && p.Attributes.GetValueOrDefault("offenderrisk.agency") == "pnc",
            found => found.Any(p => p.Attributes.GetValueOrDefault("offenderrisk.agency.outcome") == "not_found"), Wait);

        var point = Assert.Single(points.Where(p => p.Attributes["offenderrisk.agency.outcome"] == "not_found").Take(1));
        Assert.Equal(IdentityScenario.Service, point.Service);
        Assert.Equal("s", point.Unit);
        Assert.Equal("persons.lookup", point.Attributes["offenderrisk.agency.operation"]);
        Assert.Equal(["offenderrisk.agency", "offenderrisk.agency.operation", "offenderrisk.agency.outcome"], point.Attributes.Keys.Order());
        Assert.DoesNotContain(suite.Telemetry.MetricPoints(), p => p.Attributes.Values.Any(v => v.Contains(pncId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_span_name_or_attribute_nor_metric_attribute_carries_the_nominal_its_names_or_ids()
    {
        var canary = "ZZRPCCANARY" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.PrimaryName.FamilyName = canary);
        var (options, caller) = Traced(s.AsSupervisor);
        await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = nominal.Etag }, options);
        await Assert.ThrowsAsync<RpcException>(() => s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name + "0" }, s.AsOfficer).ResponseAsync);
        var root = await RootAsync(caller);
        await ServiceSpanAsync(root.TraceId);
        await suite.Telemetry.WaitForMetricPointsAsync(p => p.Attributes.GetValueOrDefault("rpc.method") == "GetNominal", found => found.Count > 0, Wait);

        var id = nominal.Name[(nominal.Name.LastIndexOf('/') + 1)..];
        string[] personal = [canary, nominal.PncId, id, s.Force + "/", NominalScenario.Officer, NominalScenario.Supervisor];
        var texts = suite.Telemetry.Spans().SelectMany(sp => sp.Attributes.Values.Append(sp.Name).Append(sp.StatusMessage))
            .Concat(suite.Telemetry.MetricPoints().SelectMany(p => p.Attributes.Values))
            .ToList();
        foreach (var value in personal)
        {
            Assert.DoesNotContain(texts, t => t.Contains(value, StringComparison.Ordinal));
        }
    }

    private static (CallOptions Options, string CallerSpanId) Traced(CallOptions options)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        var headers = new Metadata();
        foreach (var entry in options.Headers ?? [])
        {
            headers.Add(entry);
        }
        headers.Add("traceparent", $"00-{traceId.ToHexString()}-{caller.ToHexString()}-01");
        return (options.WithHeaders(headers), caller.ToHexString());
    }

    /// <summary>The gateway's server span under the caller's: the root of the suite's part of the trace.</summary>
    private async Task<CollectedSpan> RootAsync(string callerSpanId) =>
        Assert.Single(await suite.Telemetry.WaitForSpansAsync(sp => sp.ParentSpanId == callerSpanId && sp.Kind == SpanKind.Server,
            found => found.Count > 0, Wait));

    /// <summary>The nominals service's server span of the trace.</summary>
    private async Task<CollectedSpan> ServiceSpanAsync(string traceId) =>
        Assert.Single(await suite.Telemetry.WaitForSpansAsync(sp => sp.TraceId == traceId && sp.Service == "nominals" && sp.Kind == SpanKind.Server,
            found => found.Count > 0, Wait));
}
