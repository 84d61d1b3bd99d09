using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// Opaque keyset pagination tokens (AIP-158). A token carries the last key of the page and a
/// fingerprint of the query, so it cannot be replayed against a different filter.
/// </summary>
public static class PageToken
{
    private sealed record Payload(string K, string Q);

    /// <summary>Longest token accepted: ours are far shorter; a longer one is refused before it is decoded.</summary>
    public const int MaxTokenLength = 1024;

    public static string Encode(string lastKey, string queryFingerprint) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Payload(lastKey, queryFingerprint))));

    /// <summary>Returns the last key, or null for the first page; refuses a token from another query.</summary>
    public static string? Decode(string? token, string queryFingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        if (token.Length > MaxTokenLength)
        {
            throw ValidationFailedException.For("page_token", "is not a token from this query");
        }
        try
        {
            // A token is not signed: a caller can forge one for its own query. It then names a
            // key of its own force's records, which discloses nothing; a key with a control
            // character (which no record key has, and storage may refuse) is refused here.
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token));
            if (payload is not null && payload.Q == queryFingerprint && !string.IsNullOrEmpty(payload.K)
                && !RequestShape.HasControlCharacter(payload.K, narrative: false))
            {
                return payload.K;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
        }
        throw ValidationFailedException.For("page_token", "is not a token from this query");
    }

    /// <summary>Clamps a requested page size to (0, max], with 0 meaning the default.</summary>
    public static int Size(int requested, int defaultSize, int max, string field = "page_size")
    {
        if (requested < 0)
        {
            throw ValidationFailedException.For(field, "must not be negative");
        }
        return requested == 0 ? defaultSize : Math.Min(requested, max);
    }
}
