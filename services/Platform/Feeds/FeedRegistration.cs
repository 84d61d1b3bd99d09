using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Nominals;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.Platform.Feeds;

/// <summary>How a service follows a change feed: one consumer (<see cref="FeedConsumer{TType}"/>), a source per feed.</summary>
public static class FeedRegistration
{
    /// <summary>The nominals feed consumer's settings section.</summary>
    public const string NominalFeedSection = "NominalFeed";

    /// <summary>The assessments feed consumer's settings section.</summary>
    public const string AssessmentFeedSection = "AssessmentFeed";

    /// <summary>The assessments service's address when <c>Services:Assessments</c> is not configured.</summary>
    public const string DefaultAssessmentsAddress = "http://127.0.0.1:5102";

    /// <summary>The interventions feed consumer's settings section.</summary>
    public const string InterventionFeedSection = "InterventionFeed";

    /// <summary>The interventions service's address when <c>Services:Interventions</c> is not configured.</summary>
    public const string DefaultInterventionsAddress = "http://127.0.0.1:5103";

    /// <summary>
    /// Follows the nominals feed as <paramref name="consumer"/> (the name the nominals service keeps
    /// the position under) with the erasure and transfer handler over the service's
    /// <see cref="INominalHoldings"/> (register them with <see cref="AddNominalHoldings{T}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddNominalFeedConsumer(this IHostApplicationBuilder builder, string consumer)
    {
        // The consumer calls the nominals service the one way (client, service token); each call
        // has the feed's own deadline and the consumer retries.
        builder.AddNominalsServiceCalls();
        builder.AddFeedConsumer<NominalEventType, NominalFeedSource>(NominalFeedSource.FeedName, NominalFeedSection, consumer);
        builder.Services.AddSingleton<IFeedHandler<NominalEventType>>(sp =>
            new NominalHoldingsHandler(sp.GetServices<INominalHoldings>(), sp.GetRequiredService<RecordAccess>(), consumer));
        return builder;
    }

    /// <summary>
    /// Follows the assessments feed (at <c>Services:Assessments</c>) as <paramref name="consumer"/>;
    /// the service registers its own <see cref="IFeedHandler{TType}"/> of <see cref="AssessmentEventType"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAssessmentFeedConsumer(this IHostApplicationBuilder builder, string consumer)
    {
        builder.AddServiceClient<AssessmentsService.AssessmentsServiceClient>("Assessments", DefaultAssessmentsAddress, AssessmentFeedSource.ClientName);
        builder.AddFeedConsumer<AssessmentEventType, AssessmentFeedSource>(AssessmentFeedSource.FeedName, AssessmentFeedSection, consumer);
        return builder;
    }

    /// <summary>
    /// Follows the interventions feed (at <c>Services:Interventions</c>) as <paramref name="consumer"/>;
    /// the service registers its own <see cref="IFeedHandler{TType}"/> of <see cref="InterventionEventType"/>.
    /// </summary>
    public static IHostApplicationBuilder AddInterventionFeedConsumer(this IHostApplicationBuilder builder, string consumer)
    {
        builder.AddServiceClient<InterventionsService.InterventionsServiceClient>("Interventions", DefaultInterventionsAddress, InterventionFeedSource.ClientName);
        builder.AddFeedConsumer<InterventionEventType, InterventionFeedSource>(InterventionFeedSource.FeedName, InterventionFeedSection, consumer);
        return builder;
    }

    /// <summary>Registers <typeparamref name="T"/> (a singleton already registered, e.g. a store) as one of the service's holdings about nominals.</summary>
    public static IServiceCollection AddNominalHoldings<T>(this IServiceCollection services) where T : class, INominalHoldings =>
        services.AddSingleton<INominalHoldings>(sp => sp.GetRequiredService<T>());

    private static void AddFeedConsumer<TType, TSource>(this IHostApplicationBuilder builder, string feed, string section, string consumer)
        where TType : struct, Enum
        where TSource : class, IFeedSource<TType>
    {
        var services = builder.Services;
        services.AddOptions<FeedConsumerOptions>(feed)
            .Bind(builder.Configuration.GetSection(section))
            .Configure(o => o.Consumer = consumer)
            .Validate(o => o.Problem() is null, $"{section} settings are out of range (see FeedConsumerOptions).")
            .ValidateOnStart();
        services.AddSingleton<IFeedSource<TType>, TSource>();
        services.AddHostedService<FeedConsumer<TType>>();
    }
}
