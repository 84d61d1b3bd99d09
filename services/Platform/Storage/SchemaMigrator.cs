using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace OffenderRisk.Platform.Storage;

/// <summary>One versioned schema step, from an embedded <c>V0001__what.sql</c> resource.</summary>
public sealed record Migration(string Component, int Version, string Description, string Sql)
{
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>
/// Applies versioned SQL migrations at start-up, each in its own transaction, and records them in
/// <c>schema_migrations</c>. A migration edited after it was applied stops the service (checksum),
/// so a schema never silently differs between environments. PostgreSQL takes an advisory lock so
/// that two replicas starting together do not both migrate.
/// <para>
/// Resources are named <c>...Migrations.V0001__description.sql</c>; a step that must differ by
/// backend ships as <c>V0001__x.sqlite.sql</c> and <c>V0001__x.postgres.sql</c>.
/// (FluentMigrator's runner does not restore on this platform, hence this small runner.)
/// </para>
/// </summary>
public static partial class SchemaMigrator
{
    private const long PostgresLockKey = 0x0FF3_4D52_1C4B;

    public static IReadOnlyList<Migration> Discover(Assembly assembly, string component, StorageProvider provider)
    {
        var other = provider == StorageProvider.Sqlite ? ".postgres" : ".sqlite";
        var result = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourcePattern().Match(resource);
            if (!match.Success || match.Groups["dialect"].Value == other)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            result.Add(new Migration(component, int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["description"].Value.Replace('_', ' '), reader.ReadToEnd()));
        }
        var duplicate = result.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations of {component} have version {duplicate.Key}.");
        }
        return result.OrderBy(m => m.Version).ToList();
    }

    public static async Task MigrateAsync(Database database, IEnumerable<Migration> migrations, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        if (database.Provider == StorageProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey }, cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: ct));
        }
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    description TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    PRIMARY KEY (component, version)
                )
                """, cancellationToken: ct));
            var applied = (await connection.QueryAsync<(string Component, long Version, string Checksum)>(
                new CommandDefinition("SELECT component, version, checksum FROM schema_migrations", cancellationToken: ct)))
                .ToDictionary(r => (r.Component, (int)r.Version), r => r.Checksum);

            foreach (var migration in migrations)
            {
                if (applied.TryGetValue((migration.Component, migration.Version), out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Component} V{migration.Version} was changed after it was applied; add a new migration instead.");
                    }
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (component, version, description, checksum, applied_at) VALUES (@c, @v, @d, @s, @t)",
                    new { c = migration.Component, v = migration.Version, d = migration.Description, s = migration.Checksum, t = DateTimeOffset.UtcNow.ToString("O") },
                    transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            if (database.Provider == StorageProvider.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey }, cancellationToken: CancellationToken.None));
            }
        }
    }

    [GeneratedRegex(@"Migrations\.V(?<version>[0-9]+)__(?<description>[A-Za-z0-9_]+?)(?<dialect>\.sqlite|\.postgres)?\.sql\z")]
    private static partial Regex ResourcePattern();
}
