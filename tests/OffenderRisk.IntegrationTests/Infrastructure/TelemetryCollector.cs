using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OffenderRisk.IntegrationTests.Otlp;
using OffenderRisk.Testing;

namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal OTLP/HTTP receiver: every process of the suite exports its traces, metrics and logs
/// here, so tests can see whole traces and search every exported byte for personal data.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Payload)> _payloads = new();

    private TelemetryCollector(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<TelemetryCollector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http1AndHttp2));
        var app = builder.Build();
        var collector = new TelemetryCollector(app, new Uri($"http://localhost:{port}"));
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            collector._payloads.Enqueue((signal, buffer.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return collector;
    }

    public IReadOnlyList<byte[]> Payloads(string? signal = null) =>
        _payloads.Where(p => signal is null || p.Signal == signal).Select(p => p.Payload).ToList();

    /// <summary>Every span received so far, with its resource's service.name.</summary>
    public IReadOnlyList<CollectedSpan> Spans() =>
        Payloads("traces")
            .Select(ExportTraceServiceRequest.Parser.ParseFrom)
            .SelectMany(r => r.ResourceSpans)
            .SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => new CollectedSpan(
                rs.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "",
                ss.Scope?.Name ?? "",
                Convert.ToHexStringLower(s.TraceId.ToByteArray()),
                Convert.ToHexStringLower(s.SpanId.ToByteArray()),
                Convert.ToHexStringLower(s.ParentSpanId.ToByteArray()),
                s.Name,
                s.Attributes.ToDictionary(a => a.Key, a => a.Value?.StringValue ?? a.Value?.ToString() ?? "")))))
            .ToList();

    /// <summary>Waits until spans matching <paramref name="predicate"/> satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<CollectedSpan>> WaitForSpansAsync(Func<CollectedSpan, bool> predicate, Func<IReadOnlyList<CollectedSpan>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans().Where(predicate).ToList();
            if (done(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record CollectedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);
