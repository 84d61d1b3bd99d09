using Microsoft.AspNetCore.Http;

namespace OffenderRisk.Gateway;

internal static class GrpcRequest
{
    public const string ContentType = "application/grpc";

    /// <summary>application/grpc and its +proto/+json and -web forms.</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase) == true;
}
