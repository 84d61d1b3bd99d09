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
    /// reflection and health, JWT auth and policies. Storage, audit and the error model are the
    /// platform's (services/Platform), which a service adds on top.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddProcessDefaults(serviceName);
        if (builder is WebApplicationBuilder web)
        {
            web.ListenOnUnlessConfigured(builder.Configuration["Service:ListenUrls"]);
        }

        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();

        builder.AddOffenderRiskAuthentication();
        return builder;
    }

    public static IHostApplicationBuilder AddOffenderRiskAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(options.SigningKey) && builder.Environment.IsDevelopment())
        {
            options.SigningKey = AuthOptions.DevelopmentSigningKey;
        }
        if (options.Problem(builder.Environment.IsDevelopment()) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
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
                jwt.RequireHttpsMetadata = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = OffenderRiskClaims.Subject,
                    RoleClaimType = OffenderRiskClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization(Policies.Register);
        return builder;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetryName = new ServiceIdentity { Name = serviceName }.TelemetryName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddSingleton(new ServiceTelemetry(telemetryName));
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
                })
                .AddHttpClientInstrumentation(o =>
                {
                    // Probes of a destination's health are noise; agency calls are kept, and the
                    // instrumentation redacts query strings, the only place identifiers may go.
                    o.FilterHttpRequestMessage = r => r.RequestUri?.AbsolutePath is not (HealthPath or AlivePath);
                    o.RecordException = false;
                }));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    private static bool IsHealthRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthPath)
        || context.Request.Path.StartsWithSegments(AlivePath)
        || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health");

    /// <summary>Health (anonymous) and reflection (Development only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }
        return app;
    }
}
