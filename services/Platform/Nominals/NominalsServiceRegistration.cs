using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Calls;

namespace OffenderRisk.Platform.Nominals;

/// <summary>How a service reaches the nominals service: one address, one client, one token plumbing.</summary>
public static class NominalsServiceRegistration
{
    /// <summary>The nominals service's address when <c>Services:Nominals</c> is not configured.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5101";

    /// <summary>The nominals service's address: <c>Services:Nominals</c>.</summary>
    public static Uri Address(IConfiguration configuration) => ServiceClients.Address(configuration, "Nominals", DefaultAddress);

    /// <summary>
    /// The nominal lookup (<see cref="NominalLookup"/>): a service that names nominals in its records
    /// confirms each with the nominals service. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddNominalLookup(this IHostApplicationBuilder builder)
    {
        builder.AddNominalsServiceCalls();
        if (!builder.Services.Any(d => d.ServiceType == typeof(NominalLookup)))
        {
            builder.Services.AddSingleton<NominalLookup>();
        }
        return builder;
    }

    /// <summary>
    /// The nominals service's client and the service token plumbing (<see cref="NominalsServiceCalls"/>),
    /// with the <c>NominalsService</c> options. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddNominalsServiceCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(NominalsServiceCalls)))
        {
            return builder;
        }
        services.AddOptions<NominalsServiceOptions>()
            .Bind(builder.Configuration.GetSection(NominalsServiceOptions.SectionName))
            .Validate(o => o.Deadline > TimeSpan.Zero, "NominalsService:Deadline must be positive.")
            .ValidateOnStart();
        builder.AddNominalsServiceClient<NominalsService.NominalsServiceClient>(NominalsServiceCalls.ClientName);
        services.AddSingleton<NominalsServiceCalls>();
        return builder;
    }

    /// <summary>A client of one of the nominals service's gRPC services at <c>Services:Nominals</c> (<see cref="ServiceClients"/>).</summary>
    public static IHttpClientBuilder AddNominalsServiceClient<TClient>(this IHostApplicationBuilder builder, string? name = null)
        where TClient : class =>
        builder.AddServiceClient<TClient>("Nominals", DefaultAddress, name);
}
