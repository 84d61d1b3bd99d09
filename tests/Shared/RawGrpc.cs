using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace OffenderRisk.Testing;

/// <summary>
/// A unary gRPC call over plain HTTP/2, for what a gRPC client library hides: it enforces a
/// deadline itself (so it cannot show whether the gateway does), and it does not expose the
/// response's HTTP headers and trailers when a call fails.
/// </summary>
public static class RawGrpc
{
    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Sends one framed message (<paramref name="body"/>, the serialized request) to
    /// <paramref name="path"/> below <paramref name="address"/>, with no deadline of its own.</summary>
    public static async Task<RawGrpcAnswer> CallAsync(
        HttpClient http, string address, string path, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancel)
    {
        var framed = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)body.Length);
        body.CopyTo(framed, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address.TrimEnd('/') + path))
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
        return new RawGrpcAnswer(response.Headers, response.TrailingHeaders);
    }
}

/// <summary>A raw call's response headers and trailers (a trailers-only answer has its status in the headers).</summary>
public sealed record RawGrpcAnswer(HttpResponseHeaders Headers, HttpResponseHeaders Trailers)
{
    /// <summary>Headers and trailers together.</summary>
    public IReadOnlyList<KeyValuePair<string, IEnumerable<string>>> All => [.. Headers, .. Trailers];

    /// <summary>The call's gRPC status code, or null when the answer carried none.</summary>
    public int? Status => All.Where(h => h.Key == "grpc-status").SelectMany(h => h.Value)
        .Select(v => (int?)int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault();
}
