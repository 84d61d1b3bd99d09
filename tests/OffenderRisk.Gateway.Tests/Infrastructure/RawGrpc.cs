using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// A unary gRPC call over plain HTTP/2, for what a gRPC client library hides: it enforces a
/// deadline itself (so it cannot show whether the gateway does), and it does not expose the
/// response's HTTP headers when a call fails.
/// </summary>
public static class RawGrpc
{
    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The call's gRPC status (from the headers of a trailers-only answer or the trailers)
    /// and the response's headers.</summary>
    public static async Task<(int? Status, HttpResponseHeaders Headers)> CallAsync(
        HttpClient http, string address, string path, IMessage request, IReadOnlyDictionary<string, string> headers, CancellationToken cancel)
    {
        var body = request.ToByteArray();
        var framed = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)body.Length);
        body.CopyTo(framed, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address + path)) 
        {
            Content = new ByteArrayContent(framed),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancel);
        var status = response.Headers.TryGetValues("grpc-status", out var values) || response.TrailingHeaders.TryGetValues("grpc-status", out values)
            ? int.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No grpc-status: HTTP {(int)response.StatusCode}, headers {response.Headers}, content headers {response.Content.Headers}");
        return (status, response.Headers);
    }
}
