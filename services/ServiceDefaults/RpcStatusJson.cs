using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace OffenderRisk.ServiceDefaults;

/// <summary>
/// An error as a JSON caller receives it: google.rpc.Status in the proto3 JSON mapping, its
/// details as typed Any. One way for both writers: the services' JSON transcoding (Platform's
/// JsonOverHttp) and what the gateway answers itself to a JSON call.
/// </summary>
public static class RpcStatusJson
{
    /// <summary>Every detail type an OffenderRisk error carries (services/Platform/Errors, the gateway's refusals).</summary>
    public static readonly TypeRegistry Details = TypeRegistry.FromMessages(
        ErrorInfo.Descriptor, BadRequest.Descriptor, PreconditionFailure.Descriptor, ResourceInfo.Descriptor, RetryInfo.Descriptor);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(Details));

    public static string Format(Google.Rpc.Status status) => Formatter.Format(status);

    /// <summary>The HTTP status gRPC JSON transcoding answers a gRPC code with (google.rpc.Code's mapping).</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => StatusCodes.Status408RequestTimeout,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
