// TEMPORARY: the pre-platform signatures, kept only while the services move to the session and
// call-scope API. This folder is deleted when the last caller is gone.
using System.Data.Common;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Legacy;

public static class LegacyAdapters
{
    private static Session SessionOf(DbConnection c, DbTransaction tx, CancellationToken ct) =>
        new(c, tx, c.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal) ? StorageProvider.Postgres : StorageProvider.Sqlite, ct);

    public static Task<T> InTransactionAsync<T>(this Database database, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        database.InTransactionAsync(s => work(s.Connection, s.Transaction), ct);

    public static Task LockAsync(this Database database, DbConnection c, DbTransaction tx, string name, CancellationToken ct) =>
        SessionOf(c, tx, ct).LockAsync(name);

    public static Task AppendAsync(this AuditWriter audit, DbConnection c, DbTransaction tx, ServerCallContext context, AuditEvent audited, CancellationToken ct) =>
        audit.AppendAsync(SessionOf(c, tx, ct), context.Scope().Actor, audited);

    public static Task AppendAsync(this AuditWriter audit, DbConnection c, DbTransaction tx, AuditActor actor, AuditEvent audited, CancellationToken ct) =>
        audit.AppendAsync(SessionOf(c, tx, ct), actor, audited);

    public static AuditActor ActorOf(ServerCallContext context) => context.Scope().Actor;

    public static Task<IdempotencyStore.Replay<TResponse>?> FindReplayAsync<TResponse>(
        DbConnection c, DbTransaction tx, string scope, string requestId, IMessage request, MessageParser<TResponse> parser, CancellationToken ct)
        where TResponse : IMessage<TResponse> =>
        IdempotencyStore.FindAsync(SessionOf(c, tx, ct), scope, requestId, request, parser);

    public static Task RecordReplayAsync(DbConnection c, DbTransaction tx, string scope, string requestId, IMessage request,
        string resourceName, IMessage response, DateTimeOffset now, CancellationToken ct) =>
        IdempotencyStore.RecordAsync(SessionOf(c, tx, ct), scope, requestId, request, resourceName, response, now);

    public static Task<TResponse> RunAsync<TResponse>(this IdempotentCreate creates,
        ServerCallContext context, string scope, string? requestId, IMessage request, MessageParser<TResponse> parser,
        string callerForce, Func<DbConnection, DbTransaction, Task<IdempotentCreate.Created<TResponse>>> create)
        where TResponse : IMessage<TResponse> =>
        creates.RunAsync(context.Scope(), scope, requestId, request, parser, s => create(s.Connection, s.Transaction), callerForce);
}

/// <summary>The pre-platform page reader.</summary>
public sealed class AuditedPages(RecordAccess records)
{
    public delegate Task<IReadOnlyList<T>> Fetch<T>(DbConnection connection, DbTransaction transaction, string? after, int limit, CancellationToken ct);

    public Task<Page<T>> ReadAsync<T>(
        ServerCallContext context, int pageSize, string pageToken, string fingerprint, Fetch<T> fetch, Func<T, string> key,
        AuditEvent audited, int defaultSize = 50, int maxSize = 200) =>
        records.ListAsync(context.Scope(), new PageRequest(pageSize, pageToken, defaultSize, maxSize), fingerprint,
            (s, after, limit) => fetch(s.Connection, s.Transaction, after, limit, s.CancellationToken), key, audited);
}
