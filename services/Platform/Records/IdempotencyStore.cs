using System.Security.Cryptography;
using Google.Protobuf;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// Makes creates idempotent on the AIP-155 <c>request_id</c>: the first response is stored in the
/// same transaction as the created row, and a repeat gets that response back. Reusing a key for a
/// different request is refused, so a client bug cannot silently return the wrong record.
/// A create idempotent by reference stores no response (an empty string), only the created
/// resource's name: its answer holds data that must not be copied out of its own tables.
/// </summary>
public static class IdempotencyStore
{
    public sealed record Replay<T>(string ResourceName, T Response);

    /// <summary>A stored key: the hash of the request that made it, the created resource's name and the stored response ("" when kept by reference).</summary>
    public sealed record StoredKey(string RequestHash, string ResourceName, string Response)
    {
        /// <summary>The stored response, read with <paramref name="parser"/>.</summary>
        public TResponse ResponseAs<TResponse>(MessageParser<TResponse> parser) where TResponse : IMessage<TResponse> =>
            parser.ParseFrom(Convert.FromBase64String(Response));

        /// <summary>Throws REQUEST_ID_REUSED when the key was used for another request.</summary>
        public void EnsureSameRequest(string requestId, IMessage request)
        {
            if (RequestHash != Hash(request))
            {
                throw new RequestIdReusedException(requestId);
            }
        }
    }

    /// <summary>Looks up an earlier response for this key; throws if the key was used for another request.</summary>
    public static async Task<Replay<TResponse>?> FindAsync<TResponse>(
        Session session, string scope, string requestId, IMessage request, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        var key = await FindKeyAsync(session, scope, requestId);
        if (key is null)
        {
            return null;
        }
        key.EnsureSameRequest(requestId, request);
        return new Replay<TResponse>(key.ResourceName, key.ResponseAs(parser));
    }

    /// <summary>The stored key, whatever request made it; null when there is none.</summary>
    public static async Task<StoredKey?> FindKeyAsync(Session session, string scope, string requestId)
    {
        var row = await session.SingleOrDefaultAsync<(string RequestHash, string ResourceName, string Response)>(
            "SELECT request_hash, resource_name, response FROM idempotency_keys WHERE scope = @scope AND request_id = @requestId",
            new { scope, requestId });
        return row.RequestHash is null ? null : new StoredKey(row.RequestHash, row.ResourceName, row.Response);
    }

    /// <summary>Stores the key; a null <paramref name="response"/> stores none (idempotent by reference).</summary>
    public static Task<int> RecordAsync(
        Session session, string scope, string requestId, IMessage request, string resourceName, IMessage? response, DateTimeOffset now) =>
        session.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
            VALUES (@scope, @requestId, @hash, @resourceName, @response, @now)
            """,
            new
            {
                scope, requestId, hash = Hash(request), resourceName,
                response = response is null ? "" : Convert.ToBase64String(response.ToByteArray()), now = StoredTime.Format(now),
            });

    /// <summary>
    /// Deletes the keys whose created resource lies under <paramref name="resourceName"/>,
    /// for an erasure (R-AU1): a key names what it created, so it must go with it.
    /// </summary>
    public static Task<int> DeleteUnderAsync(Session session, string resourceName) =>
        session.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE resource_name LIKE @prefix",
            new { prefix = resourceName + "/%" });

    /// <summary>
    /// Deletes the keys that created the named resources, for an erasure or a transfer of what
    /// they name (R-AU1): a stored answer is a copy of the record.
    /// </summary>
    public static Task<int> DeleteForAsync(Session session, IReadOnlyList<string> resourceNames) =>
        // One statement per name (Dapper runs it for each): a list parameter expands for SQLite
        // but is sent as an array to PostgreSQL, where "IN @names" would not parse.
        resourceNames.Count == 0
            ? Task.FromResult(0)
            : session.ExecuteAsync("DELETE FROM idempotency_keys WHERE resource_name = @name", resourceNames.Select(name => new { name }).ToList());

    private static string Hash(IMessage request) => Convert.ToHexString(SHA256.HashData(request.ToByteArray()));
}
