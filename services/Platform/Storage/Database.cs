using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OffenderRisk.Platform.Storage;

/// <summary>
/// The service's one database: SQLite (embedded default, one file per service) or PostgreSQL
/// (production). Every write goes through <see cref="InTransactionAsync{T}"/> (one <see cref="Session"/>) so that the change,
/// its audit entry and its idempotency record commit or roll back together.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    static Database()
    {
        // Columns are snake_case; row classes are PascalCase.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    public Database(StorageProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
        if (provider == StorageProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
    }

    public StorageProvider Provider { get; }

    public static Database Create(StorageOptions options, string serviceName, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.Postgres))
        {
            return new Database(StorageProvider.Postgres, options.Postgres);
        }
        var folder = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, serviceName + ".db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new Database(StorageProvider.Sqlite, builder.ToString());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work and commits it; any exception rolls it all
    /// back. SQLite transactions begin IMMEDIATE so that writers queue instead of deadlocking.
    /// The session's after-commit actions run once the commit has succeeded.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<Session, Task<T>> work, CancellationToken ct) => RunAsync(work, write: true, ct);

    /// <summary>
    /// Runs <paramref name="work"/>, which only reads, in one transaction that takes no write lock
    /// (SQLite DEFERRED) and reads one consistent snapshot (PostgreSQL REPEATABLE READ, which never
    /// fails a read-only transaction): for polling, verification and other reads that write
    /// nothing, not even an audit entry.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Session, Task<T>> work, CancellationToken ct) => RunAsync(work, write: false, ct);

    private async Task<T> RunAsync<T>(Func<Session, Task<T>> work, bool write, CancellationToken ct)
    {
        T result;
        Session session;
        await using (var connection = await OpenAsync(ct))
        await using (var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: !write)
            : await connection.BeginTransactionAsync(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, ct))
        {
            session = new Session(connection, transaction, Provider, ct);
            result = await work(session);
            await transaction.CommitAsync(ct);
        }
        foreach (var action in session.CommittedActions)
        {
            action();
        }
        return result;
    }

    /// <summary>A unit of work with no result.</summary>
    public Task InTransactionAsync(Func<Session, Task> work, CancellationToken ct) =>
        InTransactionAsync(async s =>
        {
            await work(s);
            return true;
        }, ct);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>True for a unique-key violation, in either backend.</summary>
    public static bool IsUniqueViolation(DbException e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
