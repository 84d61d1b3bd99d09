using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.Platform.Feeds;

/// <summary>How a service follows the nominals change feed so that its records follow the nominal.</summary>
public static class NominalFeedRegistration
{
    /// <summary>The nominals service's address when <c>Services:Nominals</c> is not configured.</summary>
    public const string DefaultNominalsAddress = "http://127.0.0.1:5101";

    /// <summary>
    /// Follows the feed as <paramref name="consumer"/> (the name the nominals service keeps the
    /// position under) with the erasure and transfer handler over the service's
    /// <see cref="INominalHoldings"/> (register them with <see cref="AddNominalHoldings{T}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddNominalFeedConsumer(this IHostApplicationBuilder builder, string consumer)
    {
        var services = builder.Services;
        services.AddOptions<NominalFeedOptions>()
            .Bind(builder.Configuration.GetSection(NominalFeedOptions.SectionName))
            .Configure(o => o.Consumer = consumer)
            .Validate(o => o.Problem() is null, "NominalFeed settings are out of range (see NominalFeedOptions).")
            .ValidateOnStart();

        // The nominals service may not answer yet at start-up: gRPC connects lazily. The shared
        // HTTP resilience handler is removed: each call has a deadline and the consumer retries.
        var address = new Uri(builder.Configuration["Services:Nominals"] ?? DefaultNominalsAddress);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to drop the defaults.
        services.AddGrpcClient<NominalsService.NominalsServiceClient>(NominalFeedConsumer.ClientName, o => o.Address = address)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<INominalFeedHandler, NominalHoldingsHandler>();
        services.AddHostedService<NominalFeedConsumer>();
        return builder;
    }

    /// <summary>Registers <typeparamref name="T"/> (a singleton already registered, e.g. a store) as one of the service's holdings about nominals.</summary>
    public static IServiceCollection AddNominalHoldings<T>(this IServiceCollection services) where T : class, INominalHoldings =>
        services.AddSingleton<INominalHoldings>(sp => sp.GetRequiredService<T>());
}
