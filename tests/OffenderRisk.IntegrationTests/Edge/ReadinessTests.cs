using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.Testing;

namespace OffenderRisk.IntegrationTests.Edge;

/// <summary>
/// Readiness covers the write path: a service whose database cannot be written answers /health
/// 503, so the gateway's active health checks take that replica out of the rotation; once it can
/// write again, it is ready again. One interventions process on storage of its own (not the shared
/// suite, whose other services would feel the outage), its nominals feed pointed at a closed port.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly StorageBackend _storage = new();
    private ChildProcess _service = null!;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Services__Nominals"] = $"http://127.0.0.1:{FreePort.Next()}/",
        };
        foreach (var (key, value) in await _storage.SettingsForAsync("interventions"))
        {
            environment[key] = value;
        }
        _service = ChildProcess.Start("interventions", RepoPaths.BuiltAssembly("services/Interventions", "OffenderRisk.Interventions"), FreePort.Next(), environment);
        await _service.WaitHealthyAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Database_that_cannot_be_written_makes_health_unhealthy_until_it_can_be_written_again()
    {
        await using (await MakeUnwritableAsync())
        {
            Assert.True(await HealthStaysAsync(HttpStatusCode.ServiceUnavailable), "/health stayed 200 while the database could not be written");
        }
        Assert.True(await HealthStaysAsync(HttpStatusCode.OK), "/health did not recover once the database could be written");
    }

    /// <summary>Whether /health comes to answer <paramref name="expected"/> within 15 s and then
    /// answers it three times running.</summary>
    private async Task<bool> HealthStaysAsync(HttpStatusCode expected)
    {
        using var http = ChildProcess.Http2Client();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var running = 0;
        while (DateTime.UtcNow < deadline && running < 3)
        {
            using var response = await http.GetAsync(new Uri(_service.Address, "/health"));
            running = response.StatusCode == expected ? running + 1 : 0;
            await Task.Delay(300);
        }
        return running >= 3;
    }

    /// <summary>
    /// SQLite: another process holds the write lock (reads still work, as they did for the old
    /// probe). PostgreSQL: the database turns read-only, as after a fail-over onto a standby, and its
    /// sessions are ended so every new one is read-only. Disposing makes it writable again.
    /// </summary>
    private async Task<IAsyncDisposable> MakeUnwritableAsync()
    {
        var connection = await _storage.OpenAsync("interventions");
        if (connection is NpgsqlConnection postgres)
        {
            var database = postgres.Database;
            await postgres.ExecuteAsync($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
            await postgres.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", new { database });
            return new Restore(async () =>
            {
                await postgres.ExecuteAsync($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = off");
                await postgres.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", new { database });
                await postgres.DisposeAsync();
            });
        }
        await connection.ExecuteAsync("BEGIN IMMEDIATE");
        return new Restore(async () =>
        {
            await connection.ExecuteAsync("ROLLBACK");
            await connection.DisposeAsync();
        });
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        await _storage.DisposeAsync();
    }
}
