using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.Gateway;

/// <summary>
/// JSON over HTTP at the edge: calls to <c>/v1/...</c> (the <c>google.api.http</c> paths of the
/// contracts, which the services transcode) are routed by their first path segment, one top-level
/// collection to one service (appsettings.json, the <c>*-json</c> routes), checked for a token and
/// rate limited as gRPC calls are; what the gateway answers itself is google.rpc.Status JSON
/// (<see cref="GrpcStatusResponse"/>). It also serves the suite's OpenAPI document, generated from
/// the contracts and kept in the repository (protos/openapi), anonymously: it describes contracts,
/// not data.
/// </summary>
public static class JsonApi
{
    public const string PathPrefix = "/v1";
    public const string OpenApiPath = "/openapi/v1.json";
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The OpenAPI document's embedded copy (protos/openapi/offenderrisk.openapi.json).</summary>
    private const string OpenApiResource = "offenderrisk.openapi.json";

    private static readonly JsonFormatter StatusFormatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromMessages(Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.RetryInfo.Descriptor, Google.Rpc.BadRequest.Descriptor)));

    /// <summary>A JSON over HTTP call: not gRPC, under <see cref="PathPrefix"/>.</summary>
    public static bool IsJsonApi(HttpRequest request) =>
        !GrpcRequest.IsGrpc(request) && request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    /// <summary>google.rpc.Status as JSON (proto3 JSON mapping, details as typed Any), UTF-8.</summary>
    public static byte[] Format(Google.Rpc.Status status) => Encoding.UTF8.GetBytes(StatusFormatter.Format(status));

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

    /// <summary>Where Swagger UI is served in Development (on the HTTP/1.1 port, for a browser).</summary>
    public const string SwaggerUiPrefix = "swagger";

    /// <summary>
    /// In Development only: Swagger UI at <c>/swagger</c> over <see cref="OpenApiPath"/>, so an
    /// integration team can read the contracts and try calls with a token (Authorize) from a
    /// browser. Static pages, anonymous; the calls it makes are ordinary JSON calls.
    /// </summary>
    public static WebApplication UseSwaggerUiInDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = SwaggerUiPrefix;
                ui.DocumentTitle = "OffenderRisk Services: JSON API";
                ui.SwaggerEndpoint(OpenApiPath, "OffenderRisk Services v1");
            });
        }
        return app;
    }

    /// <summary><c>GET /openapi/v1.json</c>: the suite's OpenAPI document, anonymous (still rate limited).</summary>
    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        using var stream = typeof(JsonApi).Assembly.GetManifestResourceStream(OpenApiResource)
            ?? throw new InvalidOperationException($"The gateway was built without {OpenApiResource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var document = Encoding.UTF8.GetBytes(reader.ReadToEnd());
        app.MapGet(OpenApiPath, () => Results.Bytes(document, "application/json")).AllowAnonymous();
        return app;
    }
}
