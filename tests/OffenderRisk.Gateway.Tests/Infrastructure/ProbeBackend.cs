using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Gateway.Tests.Probe;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// A tiny real gRPC server in the test process standing in for the services: one HTTP/2-only
/// loopback port per cluster, each serving /health, the probe method and the audit contract, and
/// stamping every response with the cluster whose port the call came in on.
/// </summary>
public sealed class ProbeBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, ListenOptions> _ports;

    private ProbeBackend(WebApplication app, Dictionary<string, ListenOptions> ports)
    {
        _app = app;
        _ports = ports;
    }

    public static async Task<ProbeBackend> StartAsync(params string[] clusters)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear(); // not the gateway's appsettings.json copied beside the tests
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();

        var ports = new Dictionary<string, ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var cluster in clusters)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    ports[cluster] = listen;
                });
            }
        });
        ProbeBackend? backend = null;
        builder.Services.AddSingleton(_ => backend!);

        var app = builder.Build();
        backend = new ProbeBackend(app, ports);
        app.Use((context, next) =>
        {
            context.Response.Headers[ProbeContract.ServedByHeader] = backend.ClusterOf(context.Connection.LocalPort);
            return next(context);
        });
        app.MapGet("/health", () => "Healthy");
        app.MapGrpcService<ProbeService>();
        app.MapGrpcService<AuditProbeService>();
        await app.StartAsync();
        return backend;
    }

    private int _calls;

    /// <summary>How many probe calls have reached the backend.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void CountCall() => Interlocked.Increment(ref _calls);

    public string AddressOf(string cluster) => $"http://127.0.0.1:{_ports[cluster].IPEndPoint!.Port}";

    public string ClusterOf(int port) =>
        _ports.Single(p => p.Value.IPEndPoint!.Port == port).Key;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Binds Probe under every name in <see cref="ProbeContract.ServiceNames"/>, as generated
/// code would for one name (gRPC finds the handler as the override of this base's method).</summary>
[BindServiceMethod(typeof(ProbeServiceBase), nameof(BindService))]
public abstract class ProbeServiceBase
{
    public abstract Task<ProbeResponse> Probe(ProbeRequest request, ServerCallContext context);

    public static void BindService(ServiceBinderBase binder, ProbeServiceBase? service)
    {
        foreach (var name in ProbeContract.ServiceNames)
        {
            binder.AddMethod(ProbeContract.Method(name), service is null ? null : service.Probe);
        }
    }
}

/// <summary>Reports what reached the backend: cluster, method and the headers under test.</summary>
public sealed class ProbeService(ProbeBackend backend) : ProbeServiceBase
{
    public override async Task<ProbeResponse> Probe(ProbeRequest request, ServerCallContext context)
    {
        backend.CountCall();
        if (request.FailWithStatus > 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailWithStatus, "The probe failed as asked."));
        }
        if (request.HangSeconds > 0)
        {
            // Deliberately no cancellation token: a hung service does not notice the deadline.
            await Task.Delay(TimeSpan.FromSeconds(request.HangSeconds), CancellationToken.None);
        }
        var http = context.GetHttpContext();
        return new ProbeResponse
        {
            ServedBy = backend.ClusterOf(http.Connection.LocalPort),
            Method = context.Method,
            GrpcTimeout = http.Request.Headers["grpc-timeout"].ToString(),
            Authorization = http.Request.Headers.Authorization.ToString(),
            Traceparent = http.Request.Headers["traceparent"].ToString(),
        };
    }
}

/// <summary>The shared audit contract; which backend answered is in the served-by header.</summary>
public sealed class AuditProbeService : AuditService.AuditServiceBase
{
    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListAuditEntriesResponse());
}
