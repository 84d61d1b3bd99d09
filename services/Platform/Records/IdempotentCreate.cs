using System.Data.Common;
using Google.Protobuf;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// The one way a create is made idempotent on its request_id (AIP-155). In one unit of work: an
/// earlier response for the key is returned (and its reading audited as a consultation), or the
/// create runs and its response is stored with the key. Two concurrent creates with one key race
/// on the key's primary key; the loser runs once more and returns the winner's response.
/// </summary>
public sealed class IdempotentCreate(Database database, AuditWriter audit, TimeProvider clock)
{
    /// <summary>What a create made: the new resource's name and the response.</summary>
    public sealed record Created<TResponse>(string ResourceName, TResponse Response);

    /// <summary>
    /// The usual create: <paramref name="insert"/> writes the new record, whose collection is
    /// audited, once per request id of the caller's force for this RPC. The request id is
    /// validated here (AIP-155: a UUID, or absent for a create that is not retried).
    /// </summary>
    public Task<TResponse> CreateAsync<T, TResponse>(
        CallScope call, string? requestId, IMessage request, MessageParser<TResponse> parser,
        Func<Session, Task<T>> insert, Func<T, TResponse> map)
        where T : IForceOwned
        where TResponse : IMessage<TResponse> =>
        RunAsync(call, ScopeOf(request, call.Force), RequestIds.Validate(requestId), request, parser, async s =>
        {
            var record = await insert(s);
            await audit.AppendAsync(s, call.Actor, new AuditEvent(AuditOperation.Collection, record.ResourceName, record.ForceCode));
            return new Created<TResponse>(record.ResourceName, map(record));
        });

    /// <summary>Whose keys these are: the RPC (the request message's name less "Request") and the force.</summary>
    public static string ScopeOf(IMessage request, string force)
    {
        var name = request.Descriptor.Name;
        return (name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name) + ":" + force;
    }

    /// <summary>
    /// The earlier response for (scope, request id), its reading audited as a consultation; null
    /// when there is none or no request id was sent. For a create whose work starts before its unit
    /// of work (calls to other systems) and must not be repeated: look here first, then create
    /// through <see cref="RunAsync{TResponse}"/>, which checks the key again.
    /// </summary>
    public Task<TResponse?> FindReplayAsync<TResponse>(
        CallScope call, string scope, string? requestId, IMessage request, MessageParser<TResponse> parser, string? subjectForce = null)
        where TResponse : class, IMessage<TResponse> =>
        requestId is null
            ? Task.FromResult<TResponse?>(null)
            : database.InTransactionAsync(async s => await ReplayAsync(s, call, scope, requestId, request, parser, subjectForce), call.CancellationToken);

    /// <summary>
    /// Runs <paramref name="create"/> once per (scope, request id). The scope names the operation
    /// and whose keys these are (e.g. "CreateNominal:XA"); <paramref name="subjectForce"/> is the
    /// force the replay's consultation is recorded against.
    /// </summary>
    public async Task<TResponse> RunAsync<TResponse>(
        CallScope call, string scope, string? requestId, IMessage request, MessageParser<TResponse> parser,
        Func<Session, Task<Created<TResponse>>> create, string? subjectForce = null)
        where TResponse : IMessage<TResponse>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async s =>
                {
                    var replay = requestId is null ? default : await ReplayAsync(s, call, scope, requestId, request, parser, subjectForce);
                    if (replay is not null)
                    {
                        return replay;
                    }
                    var created = await create(s);
                    if (requestId is not null)
                    {
                        await IdempotencyStore.RecordAsync(s, scope, requestId, request, created.ResourceName, created.Response, clock.GetUtcNow());
                    }
                    return created.Response;
                }, call.CancellationToken);
            }
            catch (DbException e) when (attempt == 1 && requestId is not null && Database.IsUniqueViolation(e))
            {
            }
        }
    }

    /// <summary>The earlier response for the key, its reading audited as a consultation; null when there is none.</summary>
    private async Task<TResponse?> ReplayAsync<TResponse>(
        Session s, CallScope call, string scope, string requestId, IMessage request, MessageParser<TResponse> parser, string? subjectForce)
        where TResponse : IMessage<TResponse>
    {
        var replay = await IdempotencyStore.FindAsync(s, scope, requestId, request, parser);
        if (replay is null)
        {
            return default;
        }
        await audit.AppendAsync(s, call.Actor, new AuditEvent(AuditOperation.Consultation, replay.ResourceName, subjectForce ?? call.Force));
        return replay.Response;
    }
}
