using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// The one access path to records, for every service. A record is visible only to its own force:
/// to anyone else it is answered exactly as a missing one (NOT_FOUND), so another force cannot
/// learn that a person is managed. Every read, list and change is audited (R-AU1): a change in its
/// own unit of work (entry and change commit together), a read in a snapshot whose consultation is
/// then group-committed with other reads' (<see cref="ConsultationAppender"/>) before the answer
/// leaves. Every change is an optimistic update (read, etag check, change, write, audit, then
/// after-commit work).
/// </summary>
/// <remarks>Without <paramref name="consultations"/> (a test building its own), it appends through an appender of its own.</remarks>
public sealed class RecordAccess(Database database, AuditWriter audit, TimeProvider clock, ConsultationAppender? consultations = null)
{
    private readonly ConsultationAppender _consultations = consultations ?? new ConsultationAppender(database, audit, new AuditOptions());

    public Database Database => database;

    /// <summary>The force-scoping rule, written once: the record, or NOT_FOUND naming <paramref name="name"/>.</summary>
    public static T Visible<T>(T? record, CallScope call, string name) where T : class, IForceOwned =>
        record is not null && record.ForceCode == call.Force ? record : throw new ResourceNotFoundException(name);

    /// <summary>The record with this id if the caller may see it; NOT_FOUND otherwise.</summary>
    public static async Task<T> FindVisibleAsync<T>(Session session, CallScope call, IRecordReader<T> reader, string id, string name)
        where T : class, IForceOwned =>
        Visible(await reader.FindAsync(session, id), call, name);

    /// <summary>The record named <paramref name="id"/> if the caller may see it; NOT_FOUND otherwise.</summary>
    public static Task<T> FindVisibleAsync<T>(Session session, CallScope call, IRecordReader<T> reader, ResourceId id)
        where T : class, IForceOwned =>
        FindVisibleAsync(session, call, reader, id.Id, id.Name);

    /// <summary>AuditedGet by a parsed name.</summary>
    public Task<TResponse> GetAsync<T, TResponse>(CallScope call, IRecordReader<T> reader, ResourceId id, Func<T, TResponse> map)
        where T : class, IForceOwned =>
        GetAsync(call, reader, id.Id, id.Name, map);

    /// <summary>The optimistic update by a parsed name.</summary>
    public Task<TResponse> UpdateAsync<T, TResponse>(
        CallScope call, IRecordStore<T> store, ResourceId id, long expectedVersion,
        Func<T, DateTimeOffset, T> change, Func<T, TResponse> map, AuditOperation operation = AuditOperation.Alteration)
        where T : class, IVersioned<T> =>
        UpdateAsync(call, store, id.Id, id.Name, expectedVersion, change, map, operation);

    /// <summary>Runs <paramref name="work"/> as one unit of work of this call.</summary>
    public Task<TResult> RunAsync<TResult>(CallScope call, Func<Session, Task<TResult>> work) =>
        database.InTransactionAsync(work, call.CancellationToken);

    /// <summary>Runs <paramref name="work"/>, which writes nothing (not even an audit entry), without a write lock.</summary>
    public Task<TResult> ReadAsync<TResult>(CallScope call, Func<Session, Task<TResult>> work) =>
        database.ReadAsync(work, call.CancellationToken);

    /// <summary>
    /// An audited read: runs <paramref name="read"/> in one snapshot (it writes nothing), then
    /// records the consultation it names and returns its result once that entry is committed. A
    /// read that fails (NOT_FOUND included) records nothing; a failed audit write fails the call.
    /// </summary>
    public async Task<TResult> ConsultAsync<TResult>(CallScope call, Func<Session, Task<(TResult Result, AuditEvent Consulted)>> read)
    {
        var (result, consulted) = await ReadAsync(call, read);
        await _consultations.AppendAsync(call.Actor, consulted, call.CancellationToken);
        return result;
    }

    /// <summary>Appends the caller's audit entry to the unit of work.</summary>
    public Task AuditAsync(Session session, CallScope call, AuditOperation operation, IForceOwned record, IReadOnlyList<string>? recipients = null) =>
        audit.AppendAsync(session, call.Actor, new AuditEvent(operation, record.ResourceName, record.ForceCode, recipients));

    /// <summary>Appends an audit entry for <paramref name="audited"/> as the caller.</summary>
    public Task AuditAsync(Session session, CallScope call, AuditEvent audited) => audit.AppendAsync(session, call.Actor, audited);

    /// <summary>AuditedGet: the visible record, its reading audited as a consultation, mapped to the response.</summary>
    public Task<TResponse> GetAsync<T, TResponse>(CallScope call, IRecordReader<T> reader, string id, string name, Func<T, TResponse> map)
        where T : class, IForceOwned =>
        ConsultAsync(call, async s =>
        {
            var record = await FindVisibleAsync(s, call, reader, id, name);
            return (map(record), new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode));
        });

    /// <summary>
    /// AuditedPages: one keyset page (AIP-158). The page size is clamped, the token is checked
    /// against the query's fingerprint, one row more than the page is fetched to know whether
    /// another page follows, and the read is audited as one consultation of <paramref name="audited"/>.
    /// When <paramref name="parent"/> is given, the parent must be visible to the caller first; its
    /// answer is what the consultation is recorded against.
    /// </summary>
    public Task<Page<T>> ListAsync<T>(
        CallScope call, PageRequest request, string fingerprint, Func<Session, string?, int, Task<IReadOnlyList<T>>> fetch,
        Func<T, string> key, AuditEvent audited, Func<Session, Task<AuditEvent>>? parent = null)
    {
        var size = PageToken.Size(request.PageSize, request.DefaultSize, request.MaxSize);
        var after = PageToken.Decode(request.PageToken, fingerprint);
        return ConsultAsync(call, async s =>
        {
            var consulted = parent is null ? audited : await parent(s);
            IReadOnlyList<T> rows;
            try
            {
                rows = await fetch(s, after, size + 1);
            }
            catch (System.Data.Common.DbException e) when (after is not null && e.SqlState?.StartsWith("22", StringComparison.Ordinal) == true)
            {
                // A data exception on the token's key (e.g. not a uuid where one is stored): a forged token, not our fault.
                throw ValidationFailedException.For("page_token", "is not a token from this query");
            }
            var next = rows.Count > size ? PageToken.Encode(key(rows[size - 1]), fingerprint) : "";
            return (new Page<T>(rows.Take(size).ToList(), next), consulted);
        });
    }

    /// <summary>
    /// The records one force keeps about a nominal (assessments, interventions...), newest first:
    /// the nominal is named by <paramref name="nominalName"/> (field <paramref name="field"/>), the
    /// page's fingerprint is the collection, force and nominal, and the consultation is recorded
    /// against the nominal. Services call it through <c>NominalLookup.ListForNominalAsync</c>, which
    /// confirms the nominal with the nominals service first.
    /// </summary>
    public Task<Page<T>> ListForNominalAsync<T>(
        CallScope call, INominalRecords<T> store, string collection, string nominalName, string field, PageRequest request)
        where T : class, INominalRecord
    {
        var nominalId = NominalNames.Parse(nominalName, field);
        return ListAsync(call, request, $"{collection}:{call.Force}:{nominalId}",
            (s, before, limit) => store.ListForNominalAsync(s, call.Force, nominalId, before, limit), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), call.Force));
    }

    /// <summary>
    /// The optimistic update: reads the visible record, checks the etag, applies
    /// <paramref name="change"/> (which checks the rules and may write what goes with the change,
    /// such as feed events, through the session), stamps and writes the new version, audits it,
    /// and maps the answer. A concurrent writer makes the loser ABORTED, never a lost update.
    /// </summary>
    public Task<TResponse> UpdateAsync<T, TResponse>(
        CallScope call, IRecordStore<T> store, string id, string name, long expectedVersion,
        Func<Session, T, DateTimeOffset, Task<T>> change, Func<T, TResponse> map, AuditOperation operation = AuditOperation.Alteration)
        where T : class, IVersioned<T> =>
        RunAsync(call, async s =>
        {
            var current = AtVersion(await FindVisibleAsync(s, call, store, id, name), expectedVersion);
            var now = clock.GetUtcNow();
            var updated = await WriteAsync(s, store, current, await change(s, current, now), now);
            await AuditAsync(s, call, operation, updated);
            return map(updated);
        });

    /// <summary>
    /// R-MR1: the one unit of work of countersigning a record of a series that has one current record
    /// (an assessment of a nominal and kind, a plan of a nominal and kind). Reads the visible record at
    /// the caller's version, applies <paramref name="countersign"/> (which checks who may), takes the
    /// series' named lock (<paramref name="series"/>: countersignings of one series run one at a time),
    /// writes it, supersedes the series' previous current records (<paramref name="previousCurrent"/>,
    /// <paramref name="supersede"/>), audits each write as an alteration, and lets
    /// <paramref name="publish"/> write the feed event (with the superseded record's id, if any), all
    /// in one transaction. Supersession follows the order of countersigning, not of creation.
    /// </summary>
    public Task<TResponse> CountersignAsync<T, TResponse>(
        CallScope call, IRecordStore<T> store, ResourceId id, long expectedVersion,
        Func<T, DateTimeOffset, T> countersign, Func<T, string> series,
        Func<Session, T, Task<IReadOnlyList<T>>> previousCurrent, Func<T, string, DateTimeOffset, T> supersede,
        Func<Session, T, string?, DateTimeOffset, Task> publish, Func<T, TResponse> map)
        where T : class, IVersioned<T>, INominalRecord =>
        RunAsync(call, async s =>
        {
            var submitted = AtVersion(await FindVisibleAsync(s, call, store, id), expectedVersion);
            var now = clock.GetUtcNow();
            var countersigned = countersign(submitted, now);
            await s.LockAsync(series(submitted));
            var written = await WriteAsync(s, store, submitted, countersigned, now);
            await AuditAsync(s, call, AuditOperation.Alteration, written);
            string? superseded = null;
            foreach (var previous in await previousCurrent(s, written))
            {
                var replaced = await WriteAsync(s, store, previous, supersede(previous, written.Id, now), now);
                await AuditAsync(s, call, AuditOperation.Alteration, replaced);
                superseded = replaced.Id;
            }
            await publish(s, written, superseded, now);
            return map(written);
        });

    /// <summary>The record if it is still at the version the caller read (its etag); ABORTED otherwise.</summary>
    public static T AtVersion<T>(T record, long expectedVersion) where T : class, IVersioned<T> =>
        record.Version == expectedVersion ? record : throw new EtagMismatchException(record.ResourceName);

    /// <summary>
    /// Writes <paramref name="changed"/> as the next version of <paramref name="current"/>, stamped
    /// at <paramref name="now"/>, and returns what was written; ABORTED when a concurrent writer
    /// moved the stored version first. For a change inside a unit of work that audits for itself.
    /// </summary>
    public static async Task<T> WriteAsync<T>(Session session, IRecordStore<T> store, T current, T changed, DateTimeOffset now)
        where T : class, IVersioned<T>
    {
        var updated = changed.Stamped(current.Version + 1, now);
        return await store.UpdateAsync(session, updated, current.Version) ? updated : throw new EtagMismatchException(current.ResourceName);
    }

    /// <summary>The optimistic update for a change that needs nothing but the record and the time.</summary>
    public Task<TResponse> UpdateAsync<T, TResponse>(
        CallScope call, IRecordStore<T> store, string id, string name, long expectedVersion,
        Func<T, DateTimeOffset, T> change, Func<T, TResponse> map, AuditOperation operation = AuditOperation.Alteration)
        where T : class, IVersioned<T> =>
        UpdateAsync(call, store, id, name, expectedVersion, (_, record, now) => Task.FromResult(change(record, now)), map, operation);
}
