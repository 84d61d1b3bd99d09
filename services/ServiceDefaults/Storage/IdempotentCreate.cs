using System.Data.Common;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.ServiceDefaults.Audit;

namespace OffenderRisk.ServiceDefaults.Storage;

/// <summary>
/// The one way a create is made idempotent on its request_id (AIP-155). In one transaction: an
/// earlier response for the key is returned (and its reading audited as a consultation), or the
/// create runs and its response is stored with the key. Two concurrent creates with one key race
/// on the key's primary key; the loser runs once more and returns the winner's response.
/// </summary>
public sealed class IdempotentCreate(Database database, AuditWriter audit, TimeProvider clock)
{
    /// <summary>What a create made: the new resource's name and force, and the response.</summary>
    public sealed record Created<TResponse>(string ResourceName, TResponse Response);

    public async Task<TResponse> RunAsync<TResponse>(
        ServerCallContext context, string scope, string? requestId, IMessage request, MessageParser<TResponse> parser,
        string callerForce, Func<DbConnection, DbTransaction, Task<Created<TResponse>>> create)
        where TResponse : IMessage<TResponse>
    {
        var ct = context.CancellationToken;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async (c, tx) =>
                {
                    if (requestId is not null)
                    {
                        var replay = await IdempotencyStore.FindAsync(c, tx, scope, requestId, request, parser, ct);
                        if (replay is not null)
                        {
                            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, replay.ResourceName, callerForce), ct);
                            return replay.Response;
                        }
                    }
                    var created = await create(c, tx);
                    if (requestId is not null)
                    {
                        await IdempotencyStore.RecordAsync(c, tx, scope, requestId, request, created.ResourceName, created.Response, clock.GetUtcNow(), ct);
                    }
                    return created.Response;
                }, ct);
            }
            catch (DbException e) when (attempt == 1 && requestId is not null && Database.IsUniqueViolation(e))
            {
            }
        }
    }
}
