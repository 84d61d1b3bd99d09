using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>
/// Fresh storage for one test run: a temporary folder of SQLite files, or, when
/// <c>OFFENDERRISK_TEST_POSTGRES</c> holds an administrator connection string, one new PostgreSQL
/// database per service. Both are removed afterwards. Tests also open it directly, to look at
/// rows, tamper with the audit log, or make the audit write fail.
/// </summary>
public sealed class StorageBackend : IAsyncDisposable
{
    public const string PostgresVariable = "OFFENDERRISK_TEST_POSTGRES";

    private readonly string? _postgresAdmin = PostgresAdmin;
    private readonly string _prefix = "ortest_" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _databases = [];

    public StorageBackend()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), _prefix);
        if (!IsPostgres)
        {
            Directory.CreateDirectory(DataDirectory);
        }
    }

    private static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>True when this test run has a PostgreSQL server (<c>OFFENDERRISK_TEST_POSTGRES</c>).</summary>
    public static bool PostgresConfigured => PostgresAdmin is not null;

    public bool IsPostgres => _postgresAdmin is not null;
    public string DataDirectory { get; }

    /// <summary>The Storage__* settings for one service (the same on a restart).</summary>
    public async Task<Dictionary<string, string>> SettingsForAsync(string service)
    {
        if (!IsPostgres)
        {
            return new() { ["Storage__DataDirectory"] = DataDirectory, ["Storage__Postgres"] = "" };
        }
        var database = $"{_prefix}_{service.Replace('-', '_')}";
        if (_databases.Contains(database))
        {
            return new() { ["Storage__Postgres"] = PostgresConnection(database) };
        }
        await using (var admin = new NpgsqlConnection(_postgresAdmin))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        }
        _databases.Add(database);
        return new() { ["Storage__Postgres"] = PostgresConnection(database) };
    }

    public async Task<DbConnection> OpenAsync(string service)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(PostgresConnection($"{_prefix}_{service.Replace('-', '_')}"))
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, service + ".db"), Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// A connection string for one of the run's databases, for the services and the tests alike: a
    /// small pool whose idle connections close within seconds. A test run keeps a dozen or more
    /// processes on one PostgreSQL server (test collections run side by side, some with replicas);
    /// with Npgsql's defaults (100 a pool, idle ones kept 5 minutes) one burst of concurrent calls
    /// could take the server's last connection slots and fail other calls with "too many clients".
    /// </summary>
    private string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = database, MaxPoolSize = 24, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2 }.ToString();

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            foreach (var database in _databases)
            {
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
