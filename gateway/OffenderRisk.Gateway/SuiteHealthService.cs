using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OffenderRisk.Gateway;

/// <summary>
/// <c>grpc.health.v1.Health</c> answered by the gateway from its own view of the services: the YARP
/// clusters' destination health (the active checks of each service's <c>/health</c> every 2 s and the
/// passive checks of real calls). Service <c>""</c> is the suite as a whole: SERVING only while every
/// cluster has a healthy destination. Each contract service a route reaches answers by its
/// fully-qualified name (e.g. <c>offenderrisk.nominals.v1.NominalsService</c>): SERVING while every
/// cluster its routes lead to has one (the audit contract's routes lead to every service). Any
/// other name is NOT_FOUND. Check reads the state as it is; Watch (the library's) sends each change,
/// looked for every second.
/// </summary>
/// <remarks>
/// A destination counts as healthy when its passive health is not Unhealthy and its active health is
/// Healthy, or merely not Unhealthy where the cluster has no active checks. Deliberately not
/// YARP's available destinations: under <c>HealthyOrPanic</c> they are every destination when none
/// is healthy. The gateway's HTTP <c>/health</c> is the gateway process only and stays so (the
/// Kubernetes readiness probe): a suite that is down in part must not take every gateway out.
/// </remarks>
public sealed class SuiteHealthService(RoutedContracts contracts, IProxyStateLookup proxyState) : HealthServiceImpl
{
    /// <summary>The name for the suite as a whole (the protocol's "server" name).</summary>
    public const string Suite = "";

    /// <summary>How often Watch's statuses are brought up to date.</summary>
    public static readonly TimeSpan WatchRefreshPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _refreshing = new();
    private Dictionary<string, ServingStatus> _published = new(StringComparer.Ordinal);

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        Refresh();
        return base.Check(request, context);
    }

    /// <summary>Publishes the statuses that changed, and forgets names no route reaches any more.</summary>
    public void Refresh()
    {
        lock (_refreshing)
        {
            var statuses = Current();
            foreach (var gone in _published.Keys.Where(name => !statuses.ContainsKey(name)))
            {
                ClearStatus(gone);
            }
            foreach (var (name, status) in statuses)
            {
                if (!_published.TryGetValue(name, out var before) || before != status)
                {
                    SetStatus(name, status);
                }
            }
            _published = statuses;
        }
    }

    private Dictionary<string, ServingStatus> Current()
    {
        var healthy = proxyState.GetClusters().ToDictionary(c => c.ClusterId, HasHealthyDestination, StringComparer.Ordinal);
        var statuses = new Dictionary<string, ServingStatus>(StringComparer.Ordinal)
        {
            [Suite] = Serving(healthy.Count > 0 && healthy.Values.All(h => h)),
        };
        foreach (var (service, clusters) in contracts.ClustersByService())
        {
            statuses[service.FullName] = Serving(clusters.All(c => healthy.GetValueOrDefault(c)));
        }
        return statuses;
    }

    private static ServingStatus Serving(bool serving) => serving ? ServingStatus.Serving : ServingStatus.NotServing;

    private static bool HasHealthyDestination(ClusterState cluster)
    {
        var activelyChecked = cluster.Model.Config.HealthCheck?.Active?.Enabled == true;
        return cluster.Destinations.Values.Any(destination =>
            destination.Health.Passive != DestinationHealth.Unhealthy
            && (activelyChecked
                ? destination.Health.Active == DestinationHealth.Healthy
                : destination.Health.Active != DestinationHealth.Unhealthy));
    }
}

/// <summary>Keeps <see cref="SuiteHealthService"/>'s statuses current for Watch between Checks.</summary>
public sealed class SuiteHealthRefresher(SuiteHealthService health) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SuiteHealthService.WatchRefreshPeriod);
        do
        {
            health.Refresh();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class SuiteHealth
{
    public static IServiceCollection AddSuiteHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<RoutedContracts>();
        services.AddSingleton<SuiteHealthService>();
        services.AddHostedService<SuiteHealthRefresher>();
        return services;
    }

    /// <summary>Anonymous (probes carry no token) and, like <c>/health</c>, outside the rate limits:
    /// an answer costs a look at in-memory state, no more than a refusal would, and a probe that
    /// shares its address with refused callers (a load balancer's) must not be starved by them.</summary>
    public static WebApplication MapSuiteHealth(this WebApplication app)
    {
        app.MapGrpcService<SuiteHealthService>().AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
