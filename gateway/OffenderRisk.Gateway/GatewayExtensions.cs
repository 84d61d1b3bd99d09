using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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

        var options = section.Get<GatewayOptions>() ?? new GatewayOptions();
        builder.ListenOnUnlessConfigured(options.ListenUrls);
        var httpPorts = builder.AlsoListenForHttp1(options.HttpListenUrls);
        // One set of endpoint defaults (Kestrel keeps only the last one given): HTTP/1.1 on the
        // JSON ports, and the per-address connection cap on every endpoint, configured ones included.
        builder.WebHost.ConfigureKestrel(k =>
        {
            var perAddress = options.MaxConnectionsPerAddress > 0
                ? new ConnectionsPerAddress(options.MaxConnectionsPerAddress,
                    k.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectionsPerAddress>())
                : null;
            k.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint is { } endpoint && httpPorts.Contains(endpoint.Port))
                {
                    listen.Protocols = HttpProtocols.Http1;
                }
                if (perAddress is not null)
                {
                    listen.Use(perAddress.Middleware);
                }
            });
        });
        return builder;
    }

    /// <summary>
    /// Adds <see cref="GatewayOptions.HttpListenUrls"/> to the addresses the gateway listens on and
    /// returns their ports, to be served as HTTP/1.1 while the others stay HTTP/2 (h2c); none when
    /// the deployment configures <c>Kestrel:Endpoints</c> (then it names its own endpoints and protocols).
    /// </summary>
    private static HashSet<int> AlsoListenForHttp1(this WebApplicationBuilder builder, string httpUrls)
    {
        var configured = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(httpUrls) || string.IsNullOrEmpty(configured)
            || builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return [];
        }
        var http = httpUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.UseUrls([.. configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), .. http]);
        return http.Select(u => new Uri(u).Port).ToHashSet();
    }

    /// <summary>
    /// What protects the services from their callers: the services' own token validation (one JWT
    /// setup, ServiceDefaults', with the gateway's cache of tokens already validated,
    /// <see cref="ValidatedTokenCache"/>), so that a call without a valid token is refused here,
    /// before it is forwarded; the rate limits (<see cref="GatewayRateLimiting"/>); and Kestrel's connection
    /// limits from configuration (<c>Kestrel:Limits</c>: connections, keep-alive and header
    /// timeouts, HTTP/2 streams per connection and keep-alive pings), so idle or half-open
    /// connections cannot exhaust the process's file handles; with the per-address connection cap
    /// (<see cref="ConnectionsPerAddress"/>, set up with the endpoints in <see cref="AddGatewayOptions"/>)
    /// one address cannot take every connection the process allows.
    /// </summary>
    public static WebApplicationBuilder AddGatewayEdge(this WebApplicationBuilder builder)
    {
        builder.AddOffenderRiskAuthentication();
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        ValidatedTokenCache.Register(builder.Services, options.ValidatedTokenCacheSize);
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        var limits = options.RateLimits;
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = GatewayRateLimiting.Create(limits);
            o.OnRejected = GatewayRateLimiting.OnRejected;
        });
        return builder;
    }

    /// <summary>The edge's middleware in order: gRPC statuses for what the gateway answers itself,
    /// the token check, the rate limits, the refusal of calls without a valid token, and the
    /// caller's deadline as the proxied call's timeout.</summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseMiddleware<GrpcProxyErrorMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<GrpcDeadlineMiddleware>();
        return app;
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

    /// <summary><c>/health</c> and <c>/alive</c>, anonymous and not rate limited: the gateway process alone. Its gRPC
    /// health answers for the suite (<see cref="SuiteHealthService"/>), so it does not use ServiceDefaults' MapDefaultEndpoints.</summary>
    public static WebApplication MapGatewayHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(ProcessDefaults.HealthPath).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ProcessDefaults.AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") })
            .AllowAnonymous().DisableRateLimiting();
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
