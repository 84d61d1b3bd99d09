using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Endpoints;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Platform;

/// <summary>
/// A gRPC service of the suite: the service defaults (telemetry, health, resilience, auth, listen
/// address), gRPC with the error interceptor, storage with its migrations, the audit log and the
/// access path to records. A service's Program.cs is <c>AddPlatformService(name)</c>, its own
/// registrations, <c>MapPlatformEndpoints()</c> and its <c>MapGrpcService</c> calls.
/// </summary>
public static class PlatformExtensions
{
    public static IHostApplicationBuilder AddPlatformService(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddServiceDefaults(serviceName);
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<TranscodedRequestShapeInterceptor>();
            o.Interceptors.Add<RpcErrorInterceptor>();
            o.EnableDetailedErrors = false;
        }).AddJsonOverHttp();
        builder.Services.AddBoundedRequests(builder.Configuration);

        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddSingleton(sp => Database.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, serviceName, builder.Environment.ContentRootPath));
        builder.Services.AddHostedService<SchemaMigrationService>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("storage");
        builder.Services.AddSingleton<AuditWriter>();
        // Read once here, so that a setting this environment refuses stops the start.
        builder.Services.AddSingleton(AuditOptions.From(builder.Configuration, builder.Environment));
        builder.AddAuditSealing(serviceName);
        builder.Services.AddSingleton<ConsultationAppender>();
        builder.Services.AddSingleton<RecordAccess>();
        builder.Services.AddSingleton<IdempotentCreate>();
        return builder;
    }

    /// <summary>The default endpoints (health), the JSON body limit and this service's audit log.</summary>
    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.UseJsonRequestLimits();
        app.MapDefaultEndpoints();
        // Its JSON paths are /v1/{service}/auditLog... for all four services (one contract); the
        // gateway routes each service's paths to that service only.
        app.MapGrpcService<AuditLogService>();
        return app;
    }
}
