using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Platform.Storage;

/// <summary>
/// Brings the schema up to date before the server starts listening (IHostedLifecycleService.
/// StartingAsync runs ahead of every StartAsync, Kestrel's included): first the shared platform
/// tables (audit, idempotency), then the service's own migrations embedded in its entry assembly.
/// </summary>
public sealed class SchemaMigrationService(Database database, IOptions<ServiceIdentity> identity) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var migrations = SchemaMigrator.Discover(typeof(SchemaMigrationService).Assembly, "platform", database.Provider).ToList();
        var entry = Assembly.GetEntryAssembly();
        if (entry is not null && entry != typeof(SchemaMigrationService).Assembly)
        {
            migrations.AddRange(SchemaMigrator.Discover(entry, identity.Value.Name, database.Provider));
        }
        await SchemaMigrator.MigrateAsync(database, migrations, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
