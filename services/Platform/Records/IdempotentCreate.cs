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
/// create runs and its response is stored with the key. Concurrent creates with one key, at any
/// replica, take the key's named lock in turn, so the later one replays the earlier; should two
/// still race on the key's primary key, the loser runs once more and returns the winner's response.
/// A create whose response must not be copied outside its own tables (victim data, R-VI2) is
/// idempotent by reference instead (<see cref="RunByReferenceAsync{TResponse}"/>): the key keeps
/// only the created resource's name, and a replay reads the record again. One loop, two ways to
/// answer a replay.
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
            : database.InTransactionAsync(async s => await ReplayAsync(s, call, scope, requestId, request, Answer<TResponse>.Stored(parser), subjectForce), call.CancellationToken);

    /// <summary>
    /// Runs <paramref name="create"/> once per (scope, request id). The scope names the operation
    /// and whose keys these are (e.g. "CreateNominal:XA"); <paramref name="subjectForce"/> is the
    /// force the replay's consultation is recorded against.
    /// </summary>
    public Task<TResponse> RunAsync<TResponse>(
        CallScope call, string scope, string? requestId, IMessage request, MessageParser<TResponse> parser,
        Func<Session, Task<Created<TResponse>>> create, string? subjectForce = null)
        where TResponse : IMessage<TResponse> =>
        RunOnceAsync(call, scope, requestId, request, create, Answer<TResponse>.Stored(parser), subjectForce);

    /// <summary>
    /// Runs <paramref name="create"/> once per (scope, request id), idempotent by reference: the key
    /// stores the request's hash and the created resource's name but no response, and a replay
    /// answers with <paramref name="replay"/>, which reads the named record again in the same unit
    /// of work (and must refuse one the caller may not see: it runs before the request hash is
    /// compared, so another force's resource is NOT_FOUND whatever the request). For responses
    /// holding personal data that must stay in their own tables, so that an erasure of the record
    /// leaves no copy behind (R-VI2, R-AU1). The replay is audited as a consultation, a reused key
    /// is REQUEST_ID_REUSED, and the same-key race is retried, as for <see cref="RunAsync{TResponse}"/>.
    /// </summary>
    public Task<TResponse> RunByReferenceAsync<TResponse>(
        CallScope call, string scope, string? requestId, IMessage request,
        Func<Session, Task<Created<TResponse>>> create, Func<Session, string, Task<TResponse>> replay, string? subjectForce = null)
        where TResponse : IMessage<TResponse> =>
        RunOnceAsync(call, scope, requestId, request, create, Answer<TResponse>.ByReference(replay), subjectForce);

    private async Task<TResponse> RunOnceAsync<TResponse>(
        CallScope call, string scope, string? requestId, IMessage request,
        Func<Session, Task<Created<TResponse>>> create, Answer<TResponse> answer, string? subjectForce)
        where TResponse : IMessage<TResponse>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async s =>
                {
                    if (requestId is not null)
                    {
                        // Attempts with one key, from any replica, run one after another: a second
                        // finds the first's key and replays it, rather than racing it through the
                        // create's own checks (which would see the first's record as a duplicate).
                        await s.LockAsync($"request:{scope}:{requestId}");
                    }
                    var replay = requestId is null ? default : await ReplayAsync(s, call, scope, requestId, request, answer, subjectForce);
                    if (replay is not null)
                    {
                        return replay;
                    }
                    var created = await create(s);
                    if (requestId is not null)
                    {
                        await IdempotencyStore.RecordAsync(s, scope, requestId, request, created.ResourceName,
                            answer.StoresResponse ? created.Response : null, clock.GetUtcNow());
                    }
                    return created.Response;
                }, call.CancellationToken);
            }
            catch (DbException e) when (attempt == 1 && requestId is not null && Database.IsUniqueViolation(e))
            {
            }
        }
    }

    /// <summary>
    /// The earlier response for the key, its reading audited as a consultation; null when there is
    /// none. The answer is built before the request hash is compared: by reference, that read is
    /// where a resource the caller may not see is refused, and visibility comes first.
    /// </summary>
    private async Task<TResponse?> ReplayAsync<TResponse>(
        Session s, CallScope call, string scope, string requestId, IMessage request, Answer<TResponse> answer, string? subjectForce)
        where TResponse : IMessage<TResponse>
    {
        var key = await IdempotencyStore.FindKeyAsync(s, scope, requestId);
        if (key is null)
        {
            return default;
        }
        var response = await answer.Replay(s, key);
        key.EnsureSameRequest(requestId, request);
        await audit.AppendAsync(s, call.Actor, new AuditEvent(AuditOperation.Consultation, key.ResourceName, subjectForce ?? call.Force));
        return response;
    }

    /// <summary>How a replay is answered: from the response stored with the key, or by reading the created record again.</summary>
    private sealed record Answer<TResponse>(Func<Session, IdempotencyStore.StoredKey, Task<TResponse>> Replay, bool StoresResponse)
        where TResponse : IMessage<TResponse>
    {
        public static Answer<TResponse> Stored(MessageParser<TResponse> parser) =>
            new((_, key) => Task.FromResult(key.ResponseAs(parser)), StoresResponse: true);

        public static Answer<TResponse> ByReference(Func<Session, string, Task<TResponse>> replay) =>
            new((s, key) => replay(s, key.ResourceName), StoresResponse: false);
    }
}
