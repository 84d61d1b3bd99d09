using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

public static class AuditSealingExtensions
{
    /// <summary>
    /// The audit keys, the checkpoint store, the verifier and the checkpointing worker (R-AU2). The
    /// settings are read here, so that a missing or weak key, or a missing checkpoint directory
    /// where one is required, stops the start. Registered after the schema migrations, whose stage
    /// the first checkpoint follows.
    /// </summary>
    public static IHostApplicationBuilder AddAuditSealing(this IHostApplicationBuilder builder, string serviceName)
    {
        var keys = AuditKeyRing.From(builder.Configuration, builder.Environment);
        var checkpoints = AuditCheckpointOptions.From(builder.Configuration, builder.Environment, serviceName);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(checkpoints);
        builder.Services.AddSingleton<IAuditCheckpointStore>(new DirectoryCheckpointStore(checkpoints.Directory));
        builder.Services.AddSingleton(sp => new AuditChainVerifier(
            sp.GetRequiredService<Database>(), keys, sp.GetRequiredService<IAuditCheckpointStore>(), serviceName, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<AuditCheckpointService>();
        return builder;
    }
}
