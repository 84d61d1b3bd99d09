using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using OffenderRisk.ServiceDefaults;

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

    /// <summary>A JSON over HTTP call: not gRPC, under <see cref="PathPrefix"/>.</summary>
    public static bool IsJsonApi(HttpRequest request) =>
        !GrpcRequest.IsGrpc(request) && request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    /// <summary>google.rpc.Status as JSON (<see cref="RpcStatusJson"/>), UTF-8.</summary>
    public static byte[] Format(Google.Rpc.Status status) => Encoding.UTF8.GetBytes(RpcStatusJson.Format(status));

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
