using System.Security.Cryptography;
using Google.Protobuf;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// Makes creates idempotent on the AIP-155 <c>request_id</c>: the first response is stored in the
/// same transaction as the created row, and a repeat gets that response back. Reusing a key for a
/// different request is refused, so a client bug cannot silently return the wrong record.
/// </summary>
public static class IdempotencyStore
{
    public sealed record Replay<T>(string ResourceName, T Response);

    /// <summary>Looks up an earlier response for this key; throws if the key was used for another request.</summary>
    public static async Task<Replay<TResponse>?> FindAsync<TResponse>(
        Session session, string scope, string requestId, IMessage request, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        var row = await session.SingleOrDefaultAsync<(string RequestHash, string ResourceName, string Response)>(
            "SELECT request_hash, resource_name, response FROM idempotency_keys WHERE scope = @scope AND request_id = @requestId",
            new { scope, requestId });
        if (row.RequestHash is null)
        {
            return null;
        }
        if (row.RequestHash != Hash(request))
        {
            throw new RequestIdReusedException(requestId);
        }
        return new Replay<TResponse>(row.ResourceName, parser.ParseFrom(Convert.FromBase64String(row.Response)));
    }

    public static Task<int> RecordAsync(
        Session session, string scope, string requestId, IMessage request, string resourceName, IMessage response, DateTimeOffset now) =>
        session.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
            VALUES (@scope, @requestId, @hash, @resourceName, @response, @now)
            """,
            new { scope, requestId, hash = Hash(request), resourceName, response = Convert.ToBase64String(response.ToByteArray()), now = now.ToString("O") });

    private static string Hash(IMessage request) => Convert.ToHexString(SHA256.HashData(request.ToByteArray()));
}
