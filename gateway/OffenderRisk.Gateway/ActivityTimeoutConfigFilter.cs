using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace OffenderRisk.Gateway;

/// <summary>
/// Gives every cluster that sets no <c>HttpRequest:ActivityTimeout</c> the gateway's
/// <see cref="GatewayOptions.ActivityTimeout"/>, so the gateway never waits forever on a service
/// that stops answering, and the value lives in one place instead of once per cluster.
/// </summary>
public sealed class ActivityTimeoutConfigFilter(IOptions<GatewayOptions> options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.HttpRequest?.ActivityTimeout is not null)
        {
            return ValueTask.FromResult(cluster);
        }
        var request = (cluster.HttpRequest ?? ForwarderRequestConfig.Empty) with { ActivityTimeout = options.Value.ActivityTimeout };
        return ValueTask.FromResult(cluster with { HttpRequest = request });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
