using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.Platform.Calls;

/// <summary>How a service registers a client of another service of the suite, the one way.</summary>
public static class ServiceClients
{
    /// <summary>The address of <paramref name="service"/>: <c>Services:&lt;service&gt;</c>, else <paramref name="defaultAddress"/>.</summary>
    public static Uri Address(IConfiguration configuration, string service, string defaultAddress) =>
        new(configuration[$"Services:{service}"] ?? defaultAddress);

    /// <summary>
    /// A gRPC client of <paramref name="service"/> at its configured address. The address may not
    /// answer yet at start-up: gRPC connects lazily. The shared HTTP resilience handler is removed:
    /// each call has a deadline, and the caller (a worker, a feed consumer, the user) retries.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IHostApplicationBuilder builder, string service, string defaultAddress, string? name = null)
        where TClient : class
    {
        var address = Address(builder.Configuration, service, defaultAddress);
        var client = name is null
            ? builder.Services.AddGrpcClient<TClient>(o => o.Address = address)
            : builder.Services.AddGrpcClient<TClient>(name, o => o.Address = address);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to drop the defaults.
        return client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
