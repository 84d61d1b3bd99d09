using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OffenderRisk.ServiceDefaults;

/// <summary>
/// Everything an OffenderRisk process shares, wired once. A service's Program.cs is
/// <c>AddServiceDefaults(name)</c>, its own registrations, <c>MapDefaultEndpoints()</c> and its
/// <c>MapGrpcService</c> calls.
/// </summary>
public static class Extensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Telemetry, health, resilience defaults, the clock and the parent watchdog: what
    /// the gateway and the stub host need too.</summary>
    public static IHostApplicationBuilder AddProcessDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.Configure<ServiceIdentity>(s => s.Name = serviceName);
        builder.Services.TryAddSingleton(SuiteClock.For(builder.Configuration, builder.Environment));
        builder.ConfigureOpenTelemetry(serviceName);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        // Outbound HTTP: the standard pipeline (rate limiter, timeouts, retry, circuit breaker).
        // Retries stay off for unsafe methods: a repeated POST to an agency must carry an
        // idempotency key, which the agency adapters add with their own pipelines.
        builder.Services.ConfigureHttpClientDefaults(http =>
            http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));

        builder.Services.AddHostedService<ParentProcessWatchdog>();
        return builder;
    }

    /// <summary>
    /// Listens on <paramref name="defaultUrls"/> unless the deployment chose an address (--urls,
    /// URLS or ASPNETCORE_URLS, HTTP_PORTS, or Kestrel:Endpoints). The default is not a "Urls" key
    /// in appsettings.json because that would outrank ASPNETCORE_URLS.
    /// </summary>
    public static void ListenOnUnlessConfigured(this WebApplicationBuilder builder, string? defaultUrls)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrEmpty(defaultUrls)
            && string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(defaultUrls);
        }
    }

    /// <summary>The defaults of a gRPC service: process defaults, its listen address, gRPC
    /// health, JWT auth and policies. Storage, audit and the error model are the
    /// platform's (services/Platform), which a service adds on top.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddProcessDefaults(serviceName);
        if (builder is WebApplicationBuilder web)
        {
            web.ListenOnUnlessConfigured(builder.Configuration["Service:ListenUrls"]);
        }

        builder.Services.AddGrpcHealthChecks();

        builder.AddOffenderRiskAuthentication(serviceName);
        return builder;
    }

    /// <summary>
    /// JWT bearer authentication and the policies (README "Identity"): people's tokens for
    /// <c>Auth:Audience</c>, verified in Production against the identity provider's published keys
    /// (<c>Auth:Authority</c>, JwtBearer's discovery and key refresh) and in Development and Testing
    /// against the symmetric <c>Auth:SigningKey</c>; the services' own tokens for
    /// <c>Auth:ServiceAudience</c>, signed in Production by each service's own key and verified
    /// against the services' published keys (<see cref="ServiceKeys"/>), in Development and Testing
    /// with the symmetric key. <paramref name="serviceName"/> is the service that mints its tokens
    /// here (null for the gateway, which only verifies). A configuration that would accept weak or
    /// symmetric tokens where it must not, or could not sign its own, refuses to start. Needs no
    /// storage (the gateway calls it too).
    /// </summary>
    public static IHostApplicationBuilder AddOffenderRiskAuthentication(this IHostApplicationBuilder builder, string? serviceName = null)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var symmetric = AuthOptions.UsesSymmetricKey(builder.Environment.EnvironmentName);
        if (string.IsNullOrEmpty(options.SigningKey) && builder.Environment.IsDevelopment())
        {
            options.SigningKey = AuthOptions.DevelopmentSigningKey;
        }
        if (!symmetric && serviceName is not null && options.ServiceKeyId.Length == 0)
        {
            // A service's key id is its name unless a rotation names the key (nominals.2026-12).
            options.ServiceKeyId = serviceName;
        }
        if (options.Problem(builder.Environment.EnvironmentName, serviceName) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var serviceKeys = symmetric ? null : ServiceKeys.Load(options);
        builder.Services.AddSingleton(options);
        // Tokens live on the wall clock, whatever clock the process keeps its records by (SuiteClock).
        builder.Services.AddSingleton(new TokenIssuer(options, TimeProvider.System));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                // A token's lifetime is checked on the wall clock, as it was minted (SuiteClock).
                jwt.TimeProvider = TimeProvider.System;
                // The challenge says only that the token was refused, never why (no error detail
                // in WWW-Authenticate for a prober to learn from).
                jwt.IncludeErrorDetails = false;
                if (options.UsesIdentityProvider)
                {
                    // JwtBearer fetches the discovery document and the JWKS it names, caches them
                    // and refreshes them when a token names an unknown key (key rotation).
                    if (options.Authority.Length > 0)
                    {
                        jwt.Authority = options.Authority;
                    }
                    if (options.MetadataAddress.Length > 0)
                    {
                        jwt.MetadataAddress = options.MetadataAddress;
                    }
                    jwt.RequireHttpsMetadata = !IsLoopback(options.MetadataAddress.Length > 0 ? options.MetadataAddress : options.Authority);
                }
                else
                {
                    jwt.RequireHttpsMetadata = false;
                }
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    // The identity provider's issuer (from discovery) is added by JwtBearer.
                    ValidIssuers = [options.Issuer, options.ServiceIssuer],
                    ValidAudiences = [options.Audience, options.ServiceAudience],
                    // Development and Testing: the symmetric key verifies service tokens and people's.
                    // Elsewhere: the services' published keys verify service tokens only
                    // (TokenAudiences); the provider's keys are added by JwtBearer.
                    IssuerSigningKeys = serviceKeys is null
                        ? [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey))]
                        : serviceKeys.PublicKeys.Values,
                    ValidAlgorithms = TokenAudiences.AlgorithmsFor(symmetric),
                    NameClaimType = OffenderRiskClaims.Subject,
                    RoleClaimType = OffenderRiskClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.SecurityToken is not JsonWebToken token
                            || TokenAudiences.Problem(token, options, serviceKeys) is not null)
                        {
                            context.Fail("The token is not accepted here.");
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization(Policies.Register);
        return builder;
    }

    /// <summary>An outgoing call's address as a trace may keep it: a <c>/v1/</c> resource path cut
    /// to its collection (<c>/v1/nominals/*</c>), no query; gRPC paths (a method name) and agency
    /// paths are kept.</summary>
    public static string? RedactedUrl(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return null;
        }
        var path = uri.AbsolutePath;
        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            var collection = path.AsSpan(4);
            var end = collection.IndexOfAny('/', ':');
            path = "/v1/" + (end < 0 ? collection : collection[..end]).ToString() + "/*";
        }
        return uri.GetLeftPart(UriPartial.Authority) + path;
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetryName = new ServiceIdentity { Name = serviceName }.TelemetryName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddSingleton(new ServiceTelemetry(telemetryName));
        builder.Services.AddSingleton<RpcServerTelemetry>();
        builder.Services.AddTransient<IStartupFilter, RpcServerTelemetry.StartupFilter>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(telemetryName))
            .WithTracing(tracing => tracing
                .SetSampler(new HealthProbeSampler())
                .AddSource(telemetryName)
                .AddSource("Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !IsHealthRequest(ctx);
                    o.RecordException = false; // exception messages may quote personal data
                    o.EnrichWithHttpResponse = (activity, response) => RpcServerTelemetry.Enrich(activity, response.HttpContext);
                })
                .AddHttpClientInstrumentation(o =>
                {
                    // Probes of a destination's health are noise; agency calls are kept, and the
                    // instrumentation redacts query strings, the only place identifiers may go.
                    o.FilterHttpRequestMessage = r => r.RequestUri?.AbsolutePath is not (HealthPath or AlivePath);
                    o.RecordException = false;
                    // A JSON call's path names the record (/v1/nominals/{id}); the gateway's
                    // forwarded span keeps only its collection.
                    o.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", RedactedUrl(request.RequestUri));
                }));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    internal static bool IsHealthRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthPath)
        || context.Request.Path.StartsWithSegments(AlivePath)
        || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health");

    /// <summary>Health (anonymous). Server reflection is the gateway's, for callers with a token, in
    /// every environment (gateway/OffenderRisk.Gateway/GatewayReflection.cs): the suite has one entry point.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }
}
