using System.Data.Common;
using Grpc.Core;
using OffenderRisk.ServiceDefaults.Audit;

namespace OffenderRisk.ServiceDefaults.Storage;

/// <summary>One page of a list RPC: the items and the token of the next page (empty on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);

/// <summary>
/// The one way a list RPC reads a keyset page (AIP-158): the page size is clamped, the token is
/// checked against the query's fingerprint, one row more than the page is fetched to know whether
/// another page follows, and the read is audited as one consultation in the same transaction.
/// </summary>
public sealed class AuditedPages(Database database, AuditWriter audit)
{
    public delegate Task<IReadOnlyList<T>> Fetch<T>(DbConnection connection, DbTransaction transaction, string? after, int limit, CancellationToken ct);

    public Task<Page<T>> ReadAsync<T>(
        ServerCallContext context, int pageSize, string pageToken, string fingerprint, Fetch<T> fetch, Func<T, string> key,
        AuditEvent audited, int defaultSize = 50, int maxSize = 200)
    {
        var size = PageToken.Size(pageSize, defaultSize, maxSize);
        var after = PageToken.Decode(pageToken, fingerprint);
        var ct = context.CancellationToken;
        return database.InTransactionAsync(async (c, tx) =>
        {
            var rows = await fetch(c, tx, after, size + 1, ct);
            var next = rows.Count > size ? PageToken.Encode(key(rows[size - 1]), fingerprint) : "";
            await audit.AppendAsync(c, tx, context, audited, ct);
            return new Page<T>(rows.Take(size).ToList(), next);
        }, ct);
    }
}
