using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Gateway;

/// <summary>
/// Every proxied gRPC call carries a deadline (STYLE: outbound calls always have one): a call
/// without <c>grpc-timeout</c> gets <see cref="GatewayOptions.DefaultDeadline"/>, a longer one than
/// <see cref="GatewayOptions.MaxDeadline"/> is cut to it. Added to every route.
/// </summary>
public sealed class GrpcDeadlineTransform(IOptions<GatewayOptions> options) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (!GrpcRequest.IsGrpc(context.HttpContext.Request))
        {
            return ValueTask.CompletedTask;
        }
        var settings = options.Value;
        var incoming = context.HttpContext.Request.Headers[GrpcTimeout.HeaderName];
        var forwarded = GrpcTimeout.ForwardedValue(incoming, settings.DefaultDeadline, settings.MaxDeadline);
        if (forwarded is not null)
        {
            // Headers are already copied to the proxy request; replace the caller's value there.
            TakeHeader(context, GrpcTimeout.HeaderName);
            AddHeader(context, GrpcTimeout.HeaderName, forwarded);
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Adds <see cref="GrpcDeadlineTransform"/> to every route.</summary>
public sealed class GrpcDeadlineTransformProvider(IOptions<GatewayOptions> options) : ITransformProvider
{
    public void Apply(TransformBuilderContext context) =>
        context.RequestTransforms.Add(new GrpcDeadlineTransform(options));

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }
}
