using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>A fully read response, so tests can assert on status, headers and raw bytes after the connection is gone.</summary>
public sealed record StubResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

public static class StubHttp
{
    public const string TestClientId = "offenderrisk-agency-stub-tests";

    public static HttpClient CreateClient(AgencyStubServer server, bool withClientId = true)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (withClientId)
        {
            client.DefaultRequestHeaders.Add(StubHeaders.ClientId, TestClientId);
        }

        return client;
    }

    public static HttpRequestMessage Post(string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(StubHeaders.IdempotencyKey, idempotencyKey);
        }

        return request;
    }

    public static async Task<StubResponse> CallAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new StubResponse(response.StatusCode, headers, body);
        }
    }

    public static Task<StubResponse> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Post(path, body, idempotencyKey), cancellationToken);

    public static Task<StubResponse> GetPathAsync(this HttpClient client, string path, CancellationToken cancellationToken = default) =>
        client.CallAsync(new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), cancellationToken);

    /// <summary>Calls the WireMock.Net admin API exactly as an integration team would with curl.</summary>
    public static Task<StubResponse> AdminAsync(this HttpClient client, HttpMethod method, string adminPath, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, "__admin/" + adminPath.TrimStart('/'));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return client.CallAsync(request);
    }

    public static bool IsValidJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
