using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OffenderRisk.Gateway;

/// <summary>What the gateway answers itself over gRPC rather than forwarding: server reflection
/// (<see cref="GatewayReflection"/>) and health (<see cref="SuiteHealthService"/>).</summary>
public static class GatewayGrpcServices
{
    public static WebApplicationBuilder AddGatewayGrpcServices(this WebApplicationBuilder builder)
    {
        // A gRPC path the gateway does not serve itself falls through to the proxy routes (and, unrouted,
        // to the edge's own UNIMPLEMENTED or UNAUTHENTICATED), not to gRPC's anonymous catch-all.
        builder.Services.AddGrpc(o => o.IgnoreUnknownServices = true);
        builder.Services.AddGatewayReflection();
        builder.Services.AddSuiteHealth();
        return builder;
    }

    public static WebApplication MapGatewayGrpcServices(this WebApplication app)
    {
        app.MapGatewayReflection();
        app.MapSuiteHealth();
        return app;
    }
}
