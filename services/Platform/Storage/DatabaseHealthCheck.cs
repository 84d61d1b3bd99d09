using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OffenderRisk.Platform.Storage;

/// <summary>
/// Readiness covers the write path: healthy only when the database takes a write. The probe
/// rewrites one <c>schema_migrations</c> row to itself in a write transaction and rolls it back, so
/// it changes nothing, yet fails as a real write would: a read-only or recovering PostgreSQL (a
/// standby, <c>default_transaction_read_only</c>), a read-only SQLite file, or a write lock held by
/// someone else past <see cref="LockWait"/>. A replica that cannot write then leaves the gateway's
/// rotation (its clusters' active health checks read <c>/health</c>).
/// </summary>
/// <remarks>Cheap and bounded: one indexed row, no commit, a short lock wait, and the whole probe
/// within <see cref="Budget"/> (the gateway's health check gives up after 1 s).</remarks>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    /// <summary>The longest the probe waits for a write lock.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest the whole probe takes.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(900);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await ProbeWriteAsync(budget.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("storage did not take a write in time");
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("storage cannot be written");
        }
    }

    private async Task ProbeWriteAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        if (connection is SqliteConnection sqlite)
        {
            // Microsoft.Data.Sqlite retries a busy database until the connection's DefaultTimeout
            // (30 s), in a blocking call no token cancels: one second here. This connection object
            // is the probe's own, and Database.OpenAsync sets the usual busy timeout on every open,
            // so neither shorter wait outlives the probe.
            sqlite.DefaultTimeout = 1;
            await sqlite.ExecuteAsync(new CommandDefinition(
                $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}", cancellationToken: ct));
            await using var write = sqlite.BeginTransaction(deferred: false); // takes the write lock now
            await RewriteOneRowAsync(connection, write, ct);
            await write.RollbackAsync(ct);
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            $"SET LOCAL lock_timeout = '{(int)LockWait.TotalMilliseconds}ms'; SET LOCAL statement_timeout = '{(int)Budget.TotalMilliseconds}ms'",
            transaction: transaction, cancellationToken: ct));
        await RewriteOneRowAsync(connection, transaction, ct);
        await transaction.RollbackAsync(ct);
    }

    /// <summary>Every service database has <c>schema_migrations</c> (SchemaMigrator) with at least
    /// one row by the time the service is up.</summary>
    private static Task<int> RewriteOneRowAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE schema_migrations SET checksum = checksum
            WHERE (component, version) IN (SELECT component, version FROM schema_migrations ORDER BY component, version LIMIT 1)
            """,
            transaction: transaction, cancellationToken: ct));
}
