using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OffenderRisk.Testing.Otlp;

namespace OffenderRisk.Testing;

/// <summary>
/// A minimal OTLP/HTTP (protobuf) receiver on a loopback port, shared by the gateway tests and the
/// integration tests: the processes a test starts export their traces, metrics and logs here
/// (<see cref="ExporterEnvironment"/>), so tests can read whole traces and metric points and
/// search every exported byte for personal data.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, byte[] Payload)> _payloads = new();
    private WebApplication _app = null!;
    private ListenOptions _listen = null!;

    public Uri Endpoint => new($"http://127.0.0.1:{_listen.IPEndPoint!.Port}");

    /// <summary>What makes ServiceDefaults export to this receiver, quickly (for a process's environment).</summary>
    public IReadOnlyDictionary<string, string> ExporterEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public static async Task<TelemetryCollector> StartAsync()
    {
        var collector = new TelemetryCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            collector._listen = listen;
        }));
        collector._app = builder.Build();
        collector._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            collector._payloads.Enqueue((signal, buffer.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector._app.StartAsync();
        return collector;
    }

    /// <summary>Every export received so far, raw (traces, metrics or logs).</summary>
    public IReadOnlyList<byte[]> Payloads(string? signal = null) =>
        _payloads.Where(p => signal is null || p.Signal == signal).Select(p => p.Payload).ToList();

    /// <summary>Every span received so far, with its resource's service.name.</summary>
    public IReadOnlyList<CollectedSpan> Spans() =>
        Payloads("traces")
            .Select(ExportTraceServiceRequest.Parser.ParseFrom)
            .SelectMany(r => r.ResourceSpans)
            .SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => new CollectedSpan(
                ServiceName(rs.Resource),
                ss.Scope?.Name ?? "",
                Convert.ToHexStringLower(s.TraceId.ToByteArray()),
                Convert.ToHexStringLower(s.SpanId.ToByteArray()),
                Convert.ToHexStringLower(s.ParentSpanId.ToByteArray()),
                s.Name,
                s.Kind,
                s.Status?.Code ?? SpanStatusCode.StatusCodeUnset,
                s.Status?.Message ?? "",
                Attributes(s.Attributes)))))
            .ToList();

    /// <summary>Every histogram and sum data point received so far (each export's, cumulative).</summary>
    public IReadOnlyList<CollectedMetricPoint> MetricPoints() =>
        Payloads("metrics")
            .Select(ExportMetricsServiceRequest.Parser.ParseFrom)
            .SelectMany(r => r.ResourceMetrics)
            .SelectMany(rm => rm.ScopeMetrics.SelectMany(sm => sm.Metrics.SelectMany(m => m.DataCase switch
            {
                Metric.DataOneofCase.Histogram => m.Histogram.DataPoints.Select(p => new CollectedMetricPoint(
                    ServiceName(rm.Resource), sm.Scope?.Name ?? "", m.Name, m.Unit, Attributes(p.Attributes), p.Count)),
                Metric.DataOneofCase.Sum => m.Sum.DataPoints.Select(p => new CollectedMetricPoint(
                    ServiceName(rm.Resource), sm.Scope?.Name ?? "", m.Name, m.Unit, Attributes(p.Attributes),
                    p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? (ulong)Math.Max(0, p.AsInt) : (ulong)Math.Max(0, p.AsDouble))),
                _ => [],
            })))
            .ToList();

    /// <summary>Waits until spans matching <paramref name="predicate"/> satisfy <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<CollectedSpan>> WaitForSpansAsync(Func<CollectedSpan, bool> predicate, Func<IReadOnlyList<CollectedSpan>, bool> done, TimeSpan timeout) =>
        WaitAsync(() => Spans().Where(predicate).ToList(), done, timeout);

    /// <summary>Waits until metric points matching <paramref name="predicate"/> satisfy <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<CollectedMetricPoint>> WaitForMetricPointsAsync(Func<CollectedMetricPoint, bool> predicate, Func<IReadOnlyList<CollectedMetricPoint>, bool> done, TimeSpan timeout) =>
        WaitAsync(() => MetricPoints().Where(predicate).ToList(), done, timeout);

    private static async Task<IReadOnlyList<T>> WaitAsync<T>(Func<List<T>> read, Func<IReadOnlyList<T>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = read();
            if (done(found) || DateTime.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(200);
        }
    }

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "";

    private static Dictionary<string, string> Attributes(IEnumerable<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Text(g.Last().Value));

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record CollectedSpan(
    string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name,
    SpanKind Kind, SpanStatusCode Status, string StatusMessage, IReadOnlyDictionary<string, string> Attributes);

public sealed record CollectedMetricPoint(
    string Service, string Scope, string Name, string Unit, IReadOnlyDictionary<string, string> Attributes, ulong Count);
