using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// The one way every process (the gateway and each service) describes the gRPC calls it serves,
/// OpenTelemetry RPC semantic conventions: the ASP.NET Core server span is named after the RPC
/// (<c>offenderrisk.nominals.v1.NominalsService/AssignOfficer</c>) and tagged
/// <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c> and <c>rpc.grpc.status_code</c>; a call
/// that did not end OK is marked as an error whose description is the status code's name only
/// (a message may quote input); and <see cref="OperatorMetrics.RpcServerCallDuration"/> gets one
/// measurement per call, sampled or not.
/// </summary>
/// <remarks>
/// Runs as the outermost middleware (an <see cref="IStartupFilter"/>), so it sees the final
/// answer: the service's status from the response trailers (or the headers of a trailers-only
/// answer), including whatever the gateway wrote itself when it refused or failed a call. The span
/// is renamed in the instrumentation's response callback (<see cref="Enrich"/>), which runs after
/// the instrumentation has named the span after the HTTP route.
/// The RPC is read from the gRPC endpoint's metadata where the process serves the method (which
/// also names JSON-transcoded calls), else from the path of a routed gRPC request (the gateway).
/// A path is caller input: only a well-formed name is used, and names no service has answered for
/// are capped per process (<see cref="UnconfirmedNameLimit"/>), beyond which they are
/// <c>_OTHER</c>, so a caller cannot flood metrics with made-up methods.
/// </remarks>
public sealed partial class RpcServerTelemetry
{
    public const string GrpcSystem = "grpc";
    public const string Other = "_OTHER";
    public const int UnconfirmedNameLimit = 200;

    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, bool> _confirmed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unconfirmed = new(StringComparer.Ordinal);

    public RpcServerTelemetry(ServiceTelemetry telemetry)
    {
        _duration = telemetry.Histogram(OperatorMetrics.RpcServerCallDuration);
    }

    /// <summary>What the middleware learned about a call, for <see cref="Enrich"/>.</summary>
    private sealed record RpcCall(string FullName, string Service, string Method, StatusCode Status);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Complete(context, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Complete(HttpContext context, TimeSpan elapsed)
    {
        if (Extensions.IsHealthRequest(context))
        {
            return; // probes are neither traced nor counted
        }
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        var isGrpc = GrpcRequest.IsGrpc(context.Request);
        if (metadata is null && !(isGrpc && context.GetEndpoint() is not null))
        {
            return; // not a gRPC call, nor one the gateway routed
        }
        var (status, fromTrailers) = isGrpc ? GrpcStatus(context) : (FromJsonHttpStatus(context), false);
        var name = Name(metadata, context.Request.Path, confirmed: status != StatusCode.Unimplemented && (metadata is not null || fromTrailers));
        if (name is null)
        {
            return;
        }
        var call = new RpcCall(name.Value.Service + "/" + name.Value.Method, name.Value.Service, name.Value.Method, status);
        context.Items[typeof(RpcCall)] = call;

        var code = (int)status;
        _duration.Record(elapsed.TotalSeconds,
            new(OperatorMetrics.RpcTags.System, GrpcSystem),
            new(OperatorMetrics.RpcTags.Service, call.Service),
            new(OperatorMetrics.RpcTags.Method, call.Method),
            new(OperatorMetrics.RpcTags.GrpcStatusCode, code));

        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(OperatorMetrics.RpcTags.System, GrpcSystem);
            activity.SetTag(OperatorMetrics.RpcTags.Service, call.Service);
            activity.SetTag(OperatorMetrics.RpcTags.Method, call.Method);
            activity.SetTag(OperatorMetrics.RpcTags.GrpcStatusCode, code);
            if (status != StatusCode.OK)
            {
                // The code's name only: a status message may quote the caller's input.
                activity.SetStatus(ActivityStatusCode.Error, StatusName(status));
            }
        }
    }

    /// <summary>
    /// Names the server span after the RPC (OpenTelemetry ASP.NET Core instrumentation's
    /// EnrichWithHttpResponse, which runs after it named the span after the route). A call whose
    /// RPC was not recognised keeps the route name. The request's path and query are dropped: a
    /// JSON resource path carries the record's id (<c>/v1/nominals/{id}</c>), and the route
    /// template (<c>http.route</c>) says what was called.
    /// </summary>
    public static void Enrich(Activity activity, HttpContext context)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
        if (context.Items.TryGetValue(typeof(RpcCall), out var value) && value is RpcCall { Service: not Other } call)
        {
            activity.DisplayName = call.FullName;
        }
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only answer; an
    /// answer with neither is mapped from its HTTP status as gRPC clients do.</summary>
    private static (StatusCode Status, bool FromTrailers) GrpcStatus(HttpContext context)
    {
        if (context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { } trailers && Parse(trailers["grpc-status"]) is { } trailed)
        {
            return (trailed, true);
        }
        if (Parse(context.Response.Headers["grpc-status"]) is { } headed)
        {
            return (headed, false);
        }
        if (context.RequestAborted.IsCancellationRequested)
        {
            return (StatusCode.Cancelled, false);
        }
        // https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md
        return (context.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => StatusCode.Internal,
            StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => StatusCode.Unimplemented,
            StatusCodes.Status429TooManyRequests or StatusCodes.Status502BadGateway
                or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        }, false);
    }

    /// <summary>A JSON-transcoded call answers with the HTTP status of its gRPC code
    /// (google.rpc.Code's mapping); where several codes share one HTTP status, the usual one.</summary>
    private static StatusCode FromJsonHttpStatus(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? StatusCode.Cancelled : context.Response.StatusCode switch
        {
            >= 200 and < 300 => StatusCode.OK,
            StatusCodes.Status400BadRequest => StatusCode.InvalidArgument,
            StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => StatusCode.Aborted,
            StatusCodes.Status412PreconditionFailed => StatusCode.FailedPrecondition,
            StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
            499 => StatusCode.Cancelled,
            StatusCodes.Status501NotImplemented => StatusCode.Unimplemented,
            StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
            StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
            >= 500 => StatusCode.Internal,
            _ => StatusCode.Unknown,
        };

    private static StatusCode? Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 16 ? (StatusCode)code : null;

    /// <summary>The RPC's service and method: the endpoint's when it has them, else a well-formed
    /// path's, within the cap on unconfirmed names; null when the path is not an RPC's at all.</summary>
    private (string Service, string Method)? Name(GrpcMethodMetadata? metadata, PathString path, bool confirmed)
    {
        string service, method;
        if (metadata is { Method: { ServiceName.Length: > 0, Name.Length: > 0 } m })
        {
            (service, method) = (m.ServiceName, m.Name);
        }
        else if (RpcPath().Match(path.Value ?? "") is { Success: true } match)
        {
            (service, method) = (match.Groups["service"].Value, match.Groups["method"].Value);
        }
        else
        {
            return null;
        }
        var key = service + "/" + method;
        if (confirmed)
        {
            _confirmed.TryAdd(key, true);
            return (service, method);
        }
        if (_confirmed.ContainsKey(key) || _unconfirmed.ContainsKey(key)
            || (_unconfirmed.Count < UnconfirmedNameLimit && _unconfirmed.TryAdd(key, true)))
        {
            return (service, method);
        }
        return (Other, Other);
    }

    /// <summary>SCREAMING_SNAKE_CASE, as the status code names are written in the gRPC spec.</summary>
    public static string StatusName(StatusCode status) => status switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };

    /// <summary>/package.Service/Method with proto identifiers, bounded in length.</summary>
    [GeneratedRegex(@"^/(?<service>[A-Za-z_][A-Za-z0-9_]{0,63}(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,7})/(?<method>[A-Za-z_][A-Za-z0-9_]{0,63})$", RegexOptions.CultureInvariant)]
    private static partial Regex RpcPath();

    /// <summary>Puts the middleware first in every process's pipeline.</summary>
    internal sealed class StartupFilter(RpcServerTelemetry telemetry) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) => telemetry.InvokeAsync(context, inner));
            next(app);
        };
    }
}
