using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OffenderRisk.AppHost;

/// <summary>
/// Health probes the AppHost runs against its processes; the dashboard shows the result and
/// <c>WaitFor</c> waits on it. Aspire's own <c>WithHttpHealthCheck</c> speaks HTTP/1.1, which an
/// HTTP/2-only (h2c) Kestrel endpoint refuses, so these probes choose the protocol themselves.
/// </summary>
public static class LoopbackHealthChecks
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary><c>GET /health</c> over HTTP/2 with prior knowledge, as the gateway and services
    /// serve it; healthy on 200.</summary>
    public static IHealthCheck Http2Health(int port) => new Probe(async ct =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SuitePorts.Loopback(port), "/health"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await Client.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.OK
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"/health answered {(int)response.StatusCode}.");
    });

    /// <summary><c>GET /health</c> over HTTP/1.1 on every port, as each agency stub (WireMock)
    /// serves it; healthy when all answer 200.</summary>
    public static IHealthCheck Http1Health(IEnumerable<int> ports) => new Probe(async ct =>
    {
        foreach (var port in ports)
        {
            using var response = await Client.GetAsync(new Uri(SuitePorts.Loopback(port), "/health"), ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return HealthCheckResult.Unhealthy($"Port {port}: /health answered {(int)response.StatusCode}.");
            }
        }
        return HealthCheckResult.Healthy();
    });

    private sealed class Probe(Func<CancellationToken, Task<HealthCheckResult>> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await probe(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("No answer within the probe's timeout.");
            }
        }
    }
}
