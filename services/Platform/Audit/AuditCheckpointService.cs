using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// Checkpoints the audit chain's head (R-AU2) once at start, before the service takes calls (after
/// the schema migrations, which run in the same stage before it), and then every
/// <see cref="AuditCheckpointOptions.Interval"/>. A chain that does not verify is logged and left
/// without a new checkpoint; the service keeps serving, and VerifyAuditLog reports the break.
/// </summary>
public sealed partial class AuditCheckpointService(AuditChainVerifier verifier, AuditCheckpointOptions options, TimeProvider clock, ILogger<AuditCheckpointService> logger)
    : BackgroundService, IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => CheckpointAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckpointAsync(stoppingToken);
        }
    }

    private async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            var (checkpoint, verdict) = await verifier.CheckpointAsync(ct);
            if (checkpoint is null)
            {
                // The sequence and the verifier's own words only: they name no person and no record.
                LogChainBroken(logger, verdict.FirstBrokenSequence, verdict.Problem);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckpointFailed(logger, e.GetType().FullName);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit chain does not verify from entry {Sequence} ({Problem}); no checkpoint was written")]
    private static partial void LogChainBroken(ILogger logger, long sequence, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpointing the audit chain failed with {ExceptionType}")]
    private static partial void LogCheckpointFailed(ILogger logger, string? exceptionType);
}
