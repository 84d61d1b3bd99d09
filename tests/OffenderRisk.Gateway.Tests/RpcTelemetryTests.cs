using System.Diagnostics;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Gateway.Tests.Probe;
using OffenderRisk.Testing;
using OffenderRisk.Testing.Otlp;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>
/// The gateway's root span of a gRPC call is named after the RPC and carries the OpenTelemetry RPC
/// attributes and the call's gRPC status, whether the service answered or the gateway refused the
/// call itself; a failed call is an error span described by its status code's name only; and the
/// call is counted in rpc.server.call.duration.
/// </summary>
public sealed class RpcTelemetryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Service = "offenderrisk.interventions.v1.GatewayProbeService";

    [Fact]
    public async Task Proxied_call_root_span_is_named_after_the_rpc_with_its_rpc_attributes_and_status_ok()
    {
        var (headers, caller) = TraceHeaders();

        await fixture.Channel.ProbeAsync(Service, headers);

        var root = await RootSpanAsync(caller);
        Assert.Equal(Service + "/Probe", root.Name);
        Assert.Equal("grpc", root.Attributes["rpc.system"]);
        Assert.Equal(Service, root.Attributes["rpc.service"]);
        Assert.Equal("Probe", root.Attributes["rpc.method"]);
        Assert.Equal("0", root.Attributes["rpc.grpc.status_code"]);
        Assert.NotEqual(SpanStatusCode.StatusCodeError, root.Status);
    }

    [Fact]
    public async Task Proxied_call_that_fails_not_found_is_an_error_span_described_by_the_code_name_only()
    {
        var (headers, caller) = TraceHeaders();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.ProbeAsync(Service, headers, request: new ProbeRequest { FailWithStatus = (int)StatusCode.NotFound }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);

        var root = await RootSpanAsync(caller);
        Assert.Equal(Service + "/Probe", root.Name);
        Assert.Equal("5", root.Attributes["rpc.grpc.status_code"]);
        Assert.Equal(SpanStatusCode.StatusCodeError, root.Status);
        Assert.Equal("NOT_FOUND", root.StatusMessage); // never the status message, which may quote input
        Assert.DoesNotContain(root.Attributes.Values, v => v.Contains("failed as asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_the_gateway_refuses_unauthenticated_is_named_after_the_rpc_and_marked_as_an_error()
    {
        var (headers, caller) = TraceHeaders();

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.AnonymousChannel.ProbeAsync(Service, headers));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);

        var root = await RootSpanAsync(caller);
        Assert.Equal(Service + "/Probe", root.Name);
        Assert.Equal("16", root.Attributes["rpc.grpc.status_code"]);
        Assert.Equal(SpanStatusCode.StatusCodeError, root.Status);
        Assert.Equal("UNAUTHENTICATED", root.StatusMessage);
    }

    [Fact]
    public async Task Each_call_is_counted_in_rpc_server_call_duration_by_rpc_and_status()
    {
        await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.ProbeAsync(Service, request: new ProbeRequest { FailWithStatus = (int)StatusCode.FailedPrecondition }));

        var points = await fixture.Telemetry.WaitForMetricPointsAsync(
            p => p.Name == "rpc.server.call.duration" && p.Attributes.GetValueOrDefault("rpc.grpc.status_code") == "9",
            found => found.Any(p => p.Count > 0), TimeSpan.FromSeconds(15));

        var point = Assert.Single(points.Take(1));
        Assert.Equal("s", point.Unit);
        Assert.Equal("gateway", point.Service);
        Assert.Equal("grpc", point.Attributes["rpc.system"]);
        Assert.Equal(Service, point.Attributes["rpc.service"]);
        Assert.Equal("Probe", point.Attributes["rpc.method"]);
    }

    private static (Metadata Headers, string CallerSpanId) TraceHeaders()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        return (new Metadata { { "traceparent", $"00-{traceId.ToHexString()}-{caller.ToHexString()}-01" } }, caller.ToHexString());
    }

    /// <summary>The gateway's server span under the caller's span: the root of the gateway's part of the trace.</summary>
    private async Task<CollectedSpan> RootSpanAsync(string callerSpanId)
    {
        var spans = await fixture.Telemetry.WaitForSpansAsync(s => s.ParentSpanId == callerSpanId && s.Kind == SpanKind.Server,
            found => found.Count > 0, TimeSpan.FromSeconds(15));
        return Assert.Single(spans);
    }
}
