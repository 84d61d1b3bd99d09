using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Gateway;

/// <summary>
/// The caller's deadline is the gateway's own timeout for the proxied call: at the deadline (cut to
/// <see cref="GatewayOptions.MaxDeadline"/>, or <see cref="GatewayOptions.DefaultDeadline"/> when the
/// call has none) plus <see cref="GatewayOptions.DeadlineGrace"/>, the gateway cancels the call to
/// the service and answers DEADLINE_EXCEEDED itself. Before, the deadline was only passed on
/// (<see cref="GrpcDeadlineTransform"/>): a hung service, which never honours it, held the call until
/// the activity timeout (130 s).
/// </summary>
/// <remarks>YARP cancels the proxied request when <see cref="HttpContext.RequestAborted"/> fires, so
/// the deadline is linked into that token for the rest of the pipeline. A response already under way
/// (a stream) cannot be given a status any more: YARP then resets the stream.</remarks>
public sealed class GrpcDeadlineMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A JSON over HTTP call has no grpc-timeout: it gets the default deadline.
        if (!GrpcRequest.IsGrpc(context.Request) && !JsonApi.IsJsonApi(context.Request))
        {
            await next(context);
            return;
        }
        var settings = options.Value;
        var deadline = GrpcTimeout.Effective(context.Request.Headers[GrpcTimeout.HeaderName], settings.DefaultDeadline, settings.MaxDeadline);
        var callerAborted = context.RequestAborted;
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(callerAborted);
        expiry.CancelAfter(deadline + settings.DeadlineGrace);
        context.RequestAborted = expiry.Token;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestAborted = callerAborted;
        }
        if (expiry.IsCancellationRequested && !callerAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            GrpcStatusResponse.Write(context, StatusCode.DeadlineExceeded,
                "The call's deadline passed before the service answered.", "DEADLINE_EXCEEDED");
        }
    }
}
