using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Gateway.Tests.Otlp;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>W3C trace context flows caller → gateway (ASP.NET server span → HttpClient span) →
/// service, as YARP and ServiceDefaults' instrumentation wire it; read from the gateway's OTLP export.</summary>
public sealed class TraceContextTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Service_span_parent_is_the_gateway_client_span_under_the_gateway_server_span()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpanId = ActivitySpanId.CreateRandom();
        var traceparent = $"00-{traceId.ToHexString()}-{callerSpanId.ToHexString()}-01";

        var reply = await fixture.Channel.ProbeAsync(
            "offenderrisk.interventions.v1.GatewayProbeService", new Metadata { { "traceparent", traceparent } });

        var received = ActivityContext.Parse(reply.Traceparent, null);
        Assert.Equal(traceId, received.TraceId);
        Assert.NotEqual(callerSpanId, received.SpanId);

        var serviceParent = Bytes(received.SpanId);
        var caller = Bytes(callerSpanId);
        var spans = await fixture.Telemetry.WaitForTraceAsync(Bytes(traceId), spans => Chain(spans, serviceParent).LastOrDefault()?.ParentSpanId == caller);
        var chain = Chain(spans, serviceParent);

        Assert.NotEmpty(chain);
        Assert.Equal(SpanKind.Client, chain[0].Kind); // the proxied HTTP call is the service span's parent
        Assert.Equal(SpanKind.Server, chain[^1].Kind); // the gateway's ASP.NET span is the root of its part
        Assert.Equal(caller, chain[^1].ParentSpanId); // and continues the caller's trace
    }

    /// <summary>The gateway spans from <paramref name="spanId"/> up through its parents.</summary>
    private static List<Span> Chain(IReadOnlyList<Span> spans, ByteString spanId)
    {
        var chain = new List<Span>();
        var current = spans.FirstOrDefault(s => s.SpanId == spanId);
        while (current is not null && chain.Count < 10)
        {
            chain.Add(current);
            current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
        }
        return chain;
    }

    private static ByteString Bytes(ActivityTraceId id)
    {
        var bytes = new byte[16];
        id.CopyTo(bytes);
        return ByteString.CopyFrom(bytes);
    }

    private static ByteString Bytes(ActivitySpanId id)
    {
        var bytes = new byte[8];
        id.CopyTo(bytes);
        return ByteString.CopyFrom(bytes);
    }
}
