using Grpc.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReflectionV1Alpha = Grpc.Reflection.V1Alpha.ServerReflection;
using ReflectionV1 = Grpc.Reflection.V1.ServerReflection;

namespace OffenderRisk.Gateway;

/// <summary>
/// gRPC server reflection (grpc.reflection.v1 and v1alpha) answered by the gateway itself from the
/// compiled contracts, so grpcurl, Postman and <c>buf curl</c> can list, describe and call the suite's
/// services through the entry point with no local protos. It lists the contract services a route
/// reaches (<see cref="RoutedContracts"/>), grpc.health.v1.Health and reflection itself, and resolves
/// any file or symbol of those with its imports. Authenticated callers only (the fallback policy,
/// stated again here); a call without a valid token is UNAUTHENTICATED like any other.
/// </summary>
/// <remarks>The library's own <c>AddGrpcReflection</c> lists the services this process maps, which
/// at a proxy are none of the suite's, so its two implementations are replaced by ones built from
/// the contracts (once, at the first reflection call, when the routes are loaded).</remarks>
public static class GatewayReflection
{
    public static IServiceCollection AddGatewayReflection(this IServiceCollection services)
    {
        services.AddGrpcReflection();
        services.TryAddSingleton<RoutedContracts>();
        services.Replace(ServiceDescriptor.Singleton(provider => new ReflectionServiceImpl(Listed(provider))));
        services.Replace(ServiceDescriptor.Singleton(provider => new ReflectionV1ServiceImpl(Listed(provider))));
        return services;
    }

    public static WebApplication MapGatewayReflection(this WebApplication app)
    {
        app.MapGrpcReflectionService().RequireAuthorization();
        return app;
    }

    private static IEnumerable<Google.Protobuf.Reflection.ServiceDescriptor> Listed(IServiceProvider provider) =>
    [
        .. provider.GetRequiredService<RoutedContracts>().ClustersByService().Keys.OrderBy(s => s.FullName, StringComparer.Ordinal),
        Grpc.Health.V1.Health.Descriptor,
        ReflectionV1.Descriptor,
        ReflectionV1Alpha.Descriptor,
    ];
}
