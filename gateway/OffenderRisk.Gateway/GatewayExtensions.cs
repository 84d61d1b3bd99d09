using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using OffenderRisk.ServiceDefaults;
using ProcessDefaults = OffenderRisk.ServiceDefaults.Extensions;

namespace OffenderRisk.Gateway;

/// <summary>The gateway's own pieces, wired once; routes and clusters stay in configuration.</summary>
public static class GatewayExtensions
{
    /// <summary>Gateway options (validated at start) and the fixed default address.</summary>
    public static WebApplicationBuilder AddGatewayOptions(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayOptions.SectionName);
        builder.Services.AddOptions<GatewayOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        builder.ListenOnUnlessConfigured((section.Get<GatewayOptions>() ?? new GatewayOptions()).ListenUrls);
        return builder;
    }

    /// <summary>
    /// Deadlines on every call, the short connect timeout and the activity timeout; and each
    /// destination's host name resolved into every address behind it, each balanced and health
    /// checked as a destination of its own and resolved again every
    /// <see cref="GatewayOptions.DestinationRefreshPeriod"/>. Behind a Kubernetes headless Service
    /// those are the service's ready pods, so calls (not just connections) spread over its replicas
    /// and a dead pod leaves the rotation at its first failed health check. An IP address stays itself.
    /// </summary>
    public static IReverseProxyBuilder AddGatewayPolicies(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        proxy.Services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, ConnectTimeoutHttpClientFactory>());
        proxy.AddConfigFilter<ActivityTimeoutConfigFilter>();
        proxy.AddTransforms<GrpcDeadlineTransformProvider>();
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        proxy.AddDnsDestinationResolver(o => o.RefreshPeriod = options.DestinationRefreshPeriod);
        return proxy;
    }

    /// <summary><c>/health</c> and <c>/alive</c>, anonymous: the gateway has no gRPC health service
    /// or reflection, so it does not use ServiceDefaults' MapDefaultEndpoints.</summary>
    public static WebApplication MapGatewayHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(ProcessDefaults.HealthPath).AllowAnonymous();
        app.MapHealthChecks(ProcessDefaults.AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") })
            .AllowAnonymous();
        return app;
    }

    /// <summary>Prints the addresses actually bound once the server has started (with port 0 or
    /// several URLs these differ from the configuration).</summary>
    public static WebApplication ReportListeningAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"OffenderRisk gateway listening on {string.Join(", ", app.Urls)}"));
        return app;
    }
}
