using System.Buffers;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Gateway;

/// <summary>
/// The one way the gateway answers a gRPC call itself: a trailers-only response (HTTP 200,
/// <c>grpc-status</c> in the headers) whose <c>grpc-status-details-bin</c> is a google.rpc.Status
/// with an ErrorInfo (domain <c>gateway.offenderrisk</c>, an UPPER_SNAKE reason) and any further
/// details, as the services' error model builds them (services/Platform/Errors). Used for proxy
/// failures, refused tokens, rate limits and deadlines. A JSON over HTTP call (<see cref="JsonApi"/>)
/// is answered the same status as google.rpc.Status JSON, with the HTTP status gRPC JSON
/// transcoding gives that code, as the services answer their own JSON errors.
/// </summary>
public static class GrpcStatusResponse
{
    public const string Domain = "gateway.offenderrisk";

    /// <summary>Replaces whatever the response holds so far (it must not have started).</summary>
    public static void Write(HttpContext context, StatusCode code, string message, string reason, params IMessage[] details)
    {
        var response = context.Response;
        response.Clear();
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }));
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        if (!GrpcRequest.IsGrpc(context.Request))
        {
            // Buffered in the response's pipe (no synchronous I/O), sent when the response completes.
            var body = JsonApi.Format(status);
            response.StatusCode = RpcStatusJson.HttpStatusOf(code);
            response.ContentType = JsonApi.ContentType;
            response.ContentLength = body.Length;
            response.BodyWriter.Write(body);
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcRequest.ContentType;
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    /// <summary>grpc-message is percent-encoded UTF-8 outside printable ASCII (and '%' itself).</summary>
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
