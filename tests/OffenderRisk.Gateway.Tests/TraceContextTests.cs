using System.Diagnostics;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Testing;
using OffenderRisk.Testing.Otlp;
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

        var serviceParent = received.SpanId.ToHexString();
        var caller = callerSpanId.ToHexString();
        var spans = await fixture.Telemetry.WaitForSpansAsync(s => s.TraceId == traceId.ToHexString(),
            found => Chain(found, serviceParent).LastOrDefault()?.ParentSpanId == caller, TimeSpan.FromSeconds(15));
        var chain = Chain(spans, serviceParent);

        Assert.NotEmpty(chain);
        Assert.Equal(SpanKind.Client, chain[0].Kind); // the proxied HTTP call is the service span's parent
        Assert.Equal(SpanKind.Server, chain[^1].Kind); // the gateway's ASP.NET span is the root of its part
        Assert.Equal(caller, chain[^1].ParentSpanId); // and continues the caller's trace
    }

    /// <summary>The gateway spans from <paramref name="spanId"/> up through its parents.</summary>
    internal static List<CollectedSpan> Chain(IReadOnlyList<CollectedSpan> spans, string spanId)
    {
        var chain = new List<CollectedSpan>();
        var current = spans.FirstOrDefault(s => s.SpanId == spanId);
        while (current is not null && chain.Count < 10)
        {
            chain.Add(current);
            current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
        }
        return chain;
    }
}
