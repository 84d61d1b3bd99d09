using System.Data.Common;
using Dapper;

namespace OffenderRisk.Platform.Storage;

/// <summary>
/// One unit of work: the connection and transaction a store writes through, the call's
/// cancellation, and the work to run once the transaction has committed (such as waking change
/// feed watchers). Stores take a session, never gRPC types.
/// </summary>
public sealed class Session(DbConnection connection, DbTransaction transaction, StorageProvider provider, CancellationToken cancellationToken)
{
    private readonly List<Action> _afterCommit = [];

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;
    public StorageProvider Provider { get; } = provider;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs <paramref name="action"/> after a successful commit; never after a rollback.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    internal IReadOnlyList<Action> CommittedActions => _afterCommit;

    /// <summary>A Dapper command in this unit of work.</summary>
    public CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);

    public Task<int> ExecuteAsync(string sql, object? parameters = null) => Connection.ExecuteAsync(Command(sql, parameters));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters = null) => Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> SingleAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleAsync<T>(Command(sql, parameters));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await Connection.QueryAsync<T>(Command(sql, parameters))).AsList();

    /// <summary>
    /// Serialises units of work that take the same named lock, until each ends: a check-then-write
    /// (such as a duplicate check before a create) then cannot interleave. PostgreSQL takes an
    /// advisory transaction lock; SQLite needs nothing, its write transactions already run one at
    /// a time (BEGIN IMMEDIATE).
    /// </summary>
    public async Task LockAsync(string name)
    {
        if (Provider == StorageProvider.Postgres)
        {
            await ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))", new { name });
        }
    }
}
