using System.Reflection;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OffenderRisk.Client;

/// <summary>Registers every generated client of the suite with Grpc.Net.ClientFactory.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Every service client (inject e.g. <c>NominalsService.NominalsServiceClient</c>), each with the
    /// gateway address, the bearer token from the <see cref="ITokenSource"/> registered in the
    /// container (if any), default deadlines and safe retries.
    /// </summary>
    public static IServiceCollection AddOffenderRiskClients(this IServiceCollection services, Action<OffenderRiskClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OffenderRiskClientOptions>().Configure(configure);
        var register = typeof(ServiceCollectionExtensions).GetMethod(nameof(Register), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var client in OffenderRiskClient.ClientTypes)
        {
            register.MakeGenericMethod(client).Invoke(null, [services]);
        }
        return services;
    }

    /// <summary>As above, with a token source made by the caller (e.g. one wrapping their identity provider).</summary>
    public static IServiceCollection AddOffenderRiskClients(this IServiceCollection services, Action<OffenderRiskClientOptions> configure, Func<IServiceProvider, ITokenSource> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        services.AddSingleton(tokens);
        return services.AddOffenderRiskClients(configure);
    }

    private static void Register<TClient>(IServiceCollection services)
        where TClient : ClientBase
    {
        services.AddGrpcClient<TClient>((provider, factory) => factory.Address = provider.GetRequiredService<IOptions<OffenderRiskClientOptions>>().Value.RequiredAddress())
            .ConfigureChannel((provider, channel) =>
            {
                var options = provider.GetRequiredService<IOptions<OffenderRiskClientOptions>>().Value;
                if (provider.GetService<ITokenSource>() is not null && !options.TokensAllowedTo(options.RequiredAddress()))
                {
                    throw new InvalidOperationException($"Bearer tokens would travel in cleartext to {options.RequiredAddress().Host}: use https, a loopback address, or set AllowTokensOverCleartext.");
                }
                OffenderRiskChannel.Configure(channel, options);
            })
            .AddInterceptor(InterceptorScope.Channel, provider => new OffenderRiskCallInterceptor(
                provider.GetRequiredService<IOptions<OffenderRiskClientOptions>>().Value,
                provider.GetService<ITokenSource>(),
                provider.GetService<TimeProvider>()));
    }
}
