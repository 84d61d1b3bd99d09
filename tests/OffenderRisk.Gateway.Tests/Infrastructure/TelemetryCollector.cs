using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OffenderRisk.Gateway.Tests.Otlp;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// A minimal OTLP/HTTP (protobuf) receiver: keeps the spans posted to /v1/traces and accepts and
/// drops logs and metrics. The gateway exports to it when started with
/// <see cref="GatewayEnvironment"/>.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<Span> _spans = new();
    private WebApplication _app = null!;
    private ListenOptions _listen = null!;

    public string Endpoint => $"http://127.0.0.1:{_listen.IPEndPoint!.Port}";

    /// <summary>What makes ServiceDefaults export to this receiver, quickly.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    public static async Task<TelemetryCollector> StartAsync()
    {
        var collector = new TelemetryCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            collector._listen = listen;
        }));
        collector._app = builder.Build();
        collector._app.MapPost("/v1/traces", collector.ReceiveTracesAsync);
        collector._app.MapPost("/v1/{signal}", () => Results.Ok());
        await collector._app.StartAsync();
        return collector;
    }

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var export = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
        foreach (var span in export.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
        {
            _spans.Enqueue(span);
        }
        return Results.Bytes([], "application/x-protobuf");
    }

    /// <summary>Waits until the spans of one trace satisfy <paramref name="complete"/>.</summary>
    public async Task<IReadOnlyList<Span>> WaitForTraceAsync(ByteString traceId, Func<IReadOnlyList<Span>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var spans = _spans.Where(s => s.TraceId == traceId).ToList();
            if (complete(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
