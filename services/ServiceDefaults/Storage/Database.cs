using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OffenderRisk.ServiceDefaults.Storage;

/// <summary>
/// The service's one database: SQLite (embedded default, one file per service) or PostgreSQL
/// (production). Every write goes through <see cref="InTransactionAsync{T}"/> so that the change,
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
    /// Runs <paramref name="work"/> in one transaction and commits it; any exception rolls it all
    /// back. SQLite transactions begin IMMEDIATE so that writers queue instead of deadlocking.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Serialises transactions that take the same named lock, until each ends: a check-then-write
    /// (such as a duplicate check before a create) then cannot interleave. PostgreSQL takes an
    /// advisory transaction lock; SQLite needs nothing, its write transactions already run one at
    /// a time (BEGIN IMMEDIATE).
    /// </summary>
    public async Task LockAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken ct)
    {
        if (Provider == StorageProvider.Postgres)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

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
