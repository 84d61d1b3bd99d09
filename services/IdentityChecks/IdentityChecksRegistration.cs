using Microsoft.Extensions.Http.Resilience;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Enquiries;
using OffenderRisk.IdentityChecks.Grpc;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Nominals;

namespace OffenderRisk.IdentityChecks;

/// <summary>The identity-checks service's own registrations, so that Program.cs stays a few lines.</summary>
public static class IdentityChecksRegistration
{
    public static IHostApplicationBuilder AddIdentityChecks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<IdentityChecksOptions>().Bind(configuration.GetSection(IdentityChecksOptions.SectionName))
            .Validate(o => o.Outbox.PollInterval > TimeSpan.Zero && o.Scheduler.PollInterval > TimeSpan.Zero, "IdentityChecks poll intervals must be positive.")
            .Validate(o => o.Outbox.LeaseDuration > TimeSpan.Zero && o.Outbox.RetryBaseDelay > TimeSpan.Zero, "IdentityChecks:Outbox delays must be positive.")
            .Validate(o => o.Scheduler.LeaseDuration > TimeSpan.Zero, "IdentityChecks:Scheduler:LeaseDuration must be positive.")
            .Validate(o => o.DeduplicationWindow >= TimeSpan.Zero && o.Scheduler.CheckSetIntervalMonths > 0,
                "IdentityChecks:DeduplicationWindow must not be negative and Scheduler:CheckSetIntervalMonths must be positive.")
            .ValidateOnStart();

        // Agency failures become UNAVAILABLE / DEADLINE_EXCEEDED through the shared error interceptor.
        services.Configure<global::Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<AgencyFailureInterceptor>());
        services.AddAgencyClients(configuration);

        // The nominals service: nominals are confirmed with the platform's lookup; discrepancy work
        // items are raised through the same client plumbing (the outbox and scheduler retry).
        builder.AddNominalLookup();
        builder.AddNominalsServiceClient<IntelligenceService.IntelligenceServiceClient>();
        services.AddSingleton<DiscrepancyWorkItems>();

        services.AddSingleton<EnquiryStore>();
        services.AddSingleton<MarkerRequestStore>();
        services.AddSingleton<CredentialCheckStore>();
        services.AddSingleton<CheckSetStore>();
        services.AddSingleton<OutboxStore>();
        // R-AU1 and transfers: what this service keeps about an erased nominal is erased, and that
        // of a transferred one moves with it, by following the nominals change feed.
        services.AddSingleton<IdentityCheckHoldings>();
        services.AddNominalHoldings<IdentityCheckHoldings>();
        builder.AddNominalFeedConsumer("identity-checks");
        services.AddSingleton<EnquiryRunner>();
        services.AddSingleton<CredentialEnquiries>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SchedulerSignal>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<CheckSetScheduler>();
        return builder;
    }

    public static WebApplication MapIdentityChecks(this WebApplication app)
    {
        app.MapGrpcService<IdentityEnquiriesGrpcService>();
        app.MapGrpcService<MarkerRequestsGrpcService>();
        app.MapGrpcService<CredentialChecksGrpcService>();
        app.MapGrpcService<ScheduledChecksGrpcService>();
        return app;
    }
}
