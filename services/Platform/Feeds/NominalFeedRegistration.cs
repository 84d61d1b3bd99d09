using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Platform.Nominals;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.Platform.Feeds;

/// <summary>How a service follows the nominals change feed so that its records follow the nominal.</summary>
public static class NominalFeedRegistration
{
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

        // The consumer calls the nominals service the one way (client, service token); each call
        // has the feed's own deadline and the consumer retries.
        builder.AddNominalsServiceCalls();
        services.AddSingleton<INominalFeedHandler, NominalHoldingsHandler>();
        services.AddHostedService<NominalFeedConsumer>();
        return builder;
    }

    /// <summary>Registers <typeparamref name="T"/> (a singleton already registered, e.g. a store) as one of the service's holdings about nominals.</summary>
    public static IServiceCollection AddNominalHoldings<T>(this IServiceCollection services) where T : class, INominalHoldings =>
        services.AddSingleton<INominalHoldings>(sp => sp.GetRequiredService<T>());
}
