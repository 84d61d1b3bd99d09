using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Announces scheduled obligations on the day they arise (R-AS5: the six-week ARMS arises on day
/// 42 after a conviction with no sentence, not when the sentence is finally recorded), at start-up
/// and then every <see cref="NominalRules.ObligationSweepInterval"/>. Each is claimed by a
/// conditional update, so two replicas never announce one twice; each arising is audited.
/// </summary>
public sealed partial class ObligationSweep(
    Database database, ObligationLedger ledger, AuditWriter audit, IOptions<NominalRules> rules, TimeProvider clock,
    ILogger<ObligationSweep> logger) : BackgroundService
{
    public const string WorkerName = "obligation-sweep";
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Only the type: messages may quote stored values. The next pass retries.
                LogPassFailed(logger, e.GetType().Name);
            }
            try
            {
                await Task.Delay(rules.Value.ObligationSweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One batch, in one unit of work: returns how many obligations it announced.</summary>
    public Task<int> SweepOnceAsync(CancellationToken ct) =>
        database.InTransactionAsync(async s =>
        {
            var announced = await ledger.AnnounceArisenAsync(s, clock.Today(), Batch);
            foreach (var o in announced)
            {
                await audit.AppendAsync(s, AuditActor.System(WorkerName, o.ForceCode, "AnnounceObligation"),
                    new AuditEvent(AuditOperation.Collection, o.ResourceName, o.ForceCode));
            }
            if (announced.Count > 0)
            {
                LogAnnounced(logger, announced.Count);
            }
            return announced.Count;
        }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obligations: {Count} scheduled obligations arose and were announced")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Obligation sweep failed with {ExceptionType}; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
