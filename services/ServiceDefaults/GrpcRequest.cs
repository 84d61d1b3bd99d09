using Microsoft.AspNetCore.Http;

namespace OffenderRisk.ServiceDefaults;

/// <summary>Whether an HTTP request is a gRPC call: application/grpc and its +proto/+json and -web forms.</summary>
public static class GrpcRequest
{
    public const string ContentType = "application/grpc";

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase) == true;
}
