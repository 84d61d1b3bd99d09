using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using OffenderRisk.ServiceDefaults.Errors;

namespace OffenderRisk.ServiceDefaults.Storage;

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
        DbConnection connection, DbTransaction transaction, string scope, string requestId, IMessage request,
        MessageParser<TResponse> parser, CancellationToken ct) where TResponse : IMessage<TResponse>
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string RequestHash, string ResourceName, string Response)>(
            new CommandDefinition(
                "SELECT request_hash, resource_name, response FROM idempotency_keys WHERE scope = @scope AND request_id = @requestId",
                new { scope, requestId }, transaction, cancellationToken: ct));
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

    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, string scope, string requestId, IMessage request,
        string resourceName, IMessage response, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
            VALUES (@scope, @requestId, @hash, @resourceName, @response, @now)
            """,
            new { scope, requestId, hash = Hash(request), resourceName, response = Convert.ToBase64String(response.ToByteArray()), now = now.ToString("O") },
            transaction, cancellationToken: ct));

    private static string Hash(IMessage request) => Convert.ToHexString(SHA256.HashData(request.ToByteArray()));
}
