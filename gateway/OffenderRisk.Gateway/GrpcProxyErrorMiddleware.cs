using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Gateway;

/// <summary>
/// Turns what YARP answers with plain HTTP statuses into the gRPC statuses a gRPC caller expects,
/// as trailers-only responses (HTTP 200, <c>grpc-status</c> in the headers):
/// a proxy error or no healthy destination is UNAVAILABLE naming the service; a gRPC method no
/// route serves is UNIMPLEMENTED (for the audit contract, naming the header that picks the log);
/// a call the gateway's token check refused is UNAUTHENTICATED. Exception details never reach the caller.
/// A JSON over HTTP call (<see cref="JsonApi"/>) gets the same answers as google.rpc.Status JSON
/// (an unrouted path is NOT_FOUND).
/// </summary>
/// <remarks>YARP itself logs each failure (warning, with the destination address), so this
/// middleware logs nothing more; it never logs headers or bodies.</remarks>
public sealed class GrpcProxyErrorMiddleware(RequestDelegate next, IProxyStateLookup proxyState)
{
    /// <summary>Picks whose audit log a call to <c>offenderrisk.audit.v1</c> reads; the routes
    /// match its values (appsettings.json).</summary>
    public const string AuditLogHeader = "offenderrisk-audit-log";

    private const string AuditPathPrefix = "/offenderrisk.audit.v1.";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        if (context.Response.HasStarted || !(GrpcRequest.IsGrpc(context.Request) || JsonApi.IsJsonApi(context.Request)))
        {
            return;
        }

        var proxyError = context.Features.Get<IForwarderErrorFeature>();
        if (proxyError?.Error is ForwarderError.RequestCanceled)
        {
            return; // the caller went away; nobody is left to answer
        }
        if (proxyError is not null || context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            // Connection refused or timed out, no healthy destination, or the call broke before
            // the service answered: all mean "try again later" to a gRPC client.
            var cluster = context.Features.Get<IReverseProxyFeature>()?.Cluster?.Config.ClusterId ?? "requested";
            GrpcStatusResponse.Write(context, StatusCode.Unavailable, $"The {cluster} service is unavailable.", "SERVICE_UNAVAILABLE");
        }
        else if (context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
        {
            // A JSON path no route serves is an unknown resource to an HTTP caller.
            GrpcStatusResponse.Write(context, GrpcRequest.IsGrpc(context.Request) ? StatusCode.Unimplemented : StatusCode.NotFound,
                UnroutedMessage(context.Request.Path), "NOT_ROUTED");
        }
        else if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            // The gateway's own token check refused the call before it was forwarded. The
            // challenge names the scheme only, never why the token was refused.
            GrpcStatusResponse.Write(context, StatusCode.Unauthenticated, "A valid bearer token is required.", "UNAUTHENTICATED");
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
    }

    private string UnroutedMessage(PathString path)
    {
        if (path.Value?.StartsWith(AuditPathPrefix, StringComparison.Ordinal) != true)
        {
            return $"No OffenderRisk service serves {path}.";
        }
        var logs = proxyState.GetRoutes()
            .SelectMany(r => r.Config.Match.Headers ?? [])
            .Where(h => string.Equals(h.Name, AuditLogHeader, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Values ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return $"Choose the audit log with the request header '{AuditLogHeader}': one of {string.Join(", ", logs)}.";
    }
}
