using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Workers;

/// <summary>
/// Delivers what the outbox holds (R-IC5): marker requests to DVLA and HMPO, and identity
/// discrepancy work items to the nominals service (R-IC2). A row is claimed (lease and attempt
/// count committed) before anything is sent; its outcome is committed with its audit entry after.
/// A transient failure reschedules it with back-off, honouring Retry-After; a crash or kill leaves
/// the lease to run out and the row is delivered again, with the same Idempotency-Key (markers)
/// or request_id (work items), so the receiver acts once.
/// </summary>
public sealed partial class OutboxWorker(
    Database database, OutboxStore outbox, MarkerRequestStore markers, CredentialCheckStore checks, AuditWriter audit,
    DvlaClient dvla, HmpoClient hmpo, NominalDirectory nominals, OutboxSignal signal, ServiceTelemetry telemetry,
    IOptions<IdentityChecksOptions> options, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    public const string WorkerName = "identity-checks-outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let start-up finish (migrations run before this; Kestrel starts alongside).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value.Outbox;
            try
            {
                var claimed = await database.InTransactionAsync(async (c, tx) =>
                {
                    var rows = await outbox.ClaimDueAsync(c, tx, clock.GetUtcNow(), settings.LeaseDuration, settings.BatchSize, stoppingToken);
                    foreach (var row in rows.Where(r => r.Kind == OutboxKinds.AgencyMarker))
                    {
                        await markers.RecordAttemptAsync(c, tx, row.ReferenceId, row.Attempts, stoppingToken);
                    }
                    return rows;
                }, stoppingToken);
                foreach (var entry in claimed)
                {
                    await DeliverAsync(entry, stoppingToken);
                }
                if (claimed.Count > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage trouble: log the type only and try again at the next poll.
                LogPassFailed(logger, e.GetType().Name);
            }
            await signal.Signal.WaitAsync(settings.PollInterval, clock, stoppingToken);
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken ct)
    {
        using var activity = telemetry.Source.StartActivity("outbox deliver", ActivityKind.Internal);
        activity?.SetTag("offenderrisk.outbox.kind", entry.Kind);
        activity?.SetTag("offenderrisk.outbox.attempt", entry.Attempts);
        try
        {
            switch (entry.Kind)
            {
                case OutboxKinds.AgencyMarker:
                    await DeliverMarkerAsync(entry, ct);
                    break;
                case OutboxKinds.DiscrepancyWorkItem:
                    await DeliverWorkItemAsync(entry, ct);
                    break;
                default:
                    LogUnknownKind(logger, entry.Kind);
                    await RescheduleAsync(entry, "unknown-kind", options.Value.Outbox.RetryMaxDelay, ct);
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the delivery is claimed again.
            throw;
        }
        catch (Exception e)
        {
            LogDeliveryFailed(logger, entry.Kind, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            await RescheduleAsync(entry, "internal-error", Backoff(entry, null), CancellationToken.None);
        }
    }

    private async Task DeliverMarkerAsync(OutboxEntry entry, CancellationToken ct)
    {
        var marker = await database.InTransactionAsync((c, tx) => markers.FindAsync(c, tx, entry.ReferenceId, ct), ct);
        if (marker is null || marker.State != MarkerRequestState.Pending)
        {
            await database.InTransactionAsync(async (c, tx) => { await outbox.CompleteAsync(c, tx, entry.Id, clock.GetUtcNow(), ct); return 0; }, ct);
            return;
        }
        var actor = AuditActor.System(WorkerName, marker.ForceCode, "DeliverMarkerRequest");
        var disclosure = new AuditEvent(AuditOperation.Disclosure, marker.Nominal, marker.ForceCode, [AgencyNames.AuditRecipient(marker.Agency)]);
        try
        {
            var placement = marker.Agency == Agency.Dvla
                ? await dvla.PlaceMarkerAsync(marker.Payload, marker.IdempotencyKey, ct)
                : await hmpo.PlaceMarkerAsync(marker.Payload, marker.IdempotencyKey, ct);
            await database.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                await markers.UpdateDeliveryAsync(c, tx, marker.Apply(placement, entry.Attempts, now), ct);
                await outbox.CompleteAsync(c, tx, entry.Id, now, ct);
                await audit.AppendAsync(c, tx, actor, disclosure, ct);
                return 0;
            }, CancellationToken.None);
            LogMarkerOutcome(logger, marker.Agency, placement.Outcome, entry.Attempts);
        }
        catch (AgencyUnavailableException e)
        {
            var next = clock.GetUtcNow() + Backoff(entry, e.RetryAfter);
            await database.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                await markers.UpdateDeliveryAsync(c, tx, marker.Retrying(e.Code, entry.Attempts, next, now), ct);
                await outbox.RescheduleAsync(c, tx, entry.Id, next, e.Code, ct);
                if (e.Attempts > 0)
                {
                    await audit.AppendAsync(c, tx, actor, disclosure, ct);
                }
                return 0;
            }, CancellationToken.None);
            LogMarkerRetry(logger, marker.Agency, e.Code, entry.Attempts);
        }
    }

    private async Task DeliverWorkItemAsync(OutboxEntry entry, CancellationToken ct)
    {
        var check = await database.InTransactionAsync((c, tx) => checks.FindAsync(c, tx, entry.ReferenceId, ct), ct);
        if (check is null || check.NotificationState != NotificationState.Pending)
        {
            await database.InTransactionAsync(async (c, tx) => { await outbox.CompleteAsync(c, tx, entry.Id, clock.GetUtcNow(), ct); return 0; }, ct);
            return;
        }
        try
        {
            // The check's own id is the request_id: a repeated delivery returns the same work item.
            var (outcome, workItem, _) = await nominals.CreateDiscrepancyWorkItemAsync(check.NominalId, check.ForceCode,
                CredentialComparison.SummaryCode(check.Discrepancies), check.ResourceName, check.Id, ct);
            await database.InTransactionAsync(async (c, tx) =>
            {
                var state = outcome == WorkItemDeliveryOutcome.Created ? NotificationState.Delivered : NotificationState.Rejected;
                await checks.UpdateNotificationAsync(c, tx, check.Id, state, workItem, ct);
                await outbox.CompleteAsync(c, tx, entry.Id, clock.GetUtcNow(), ct);
                await audit.AppendAsync(c, tx, AuditActor.System(WorkerName, check.ForceCode, "RaiseIdentityDiscrepancy"),
                    new AuditEvent(AuditOperation.Disclosure, check.Nominal, check.ForceCode, ["service:nominals"]), ct);
                return 0;
            }, CancellationToken.None);
        }
        catch (DependencyUnavailableException e)
        {
            await RescheduleAsync(entry, e.Reason.ToLowerInvariant(), Backoff(entry, null), CancellationToken.None);
        }
    }

    private TimeSpan Backoff(OutboxEntry entry, TimeSpan? retryAfter) =>
        DeliveryBackoff.Next(entry.Attempts, retryAfter, options.Value.Outbox.RetryBaseDelay, options.Value.Outbox.RetryMaxDelay, Random.Shared.NextDouble());

    private async Task RescheduleAsync(OutboxEntry entry, string failure, TimeSpan delay, CancellationToken ct) =>
        await database.InTransactionAsync(async (c, tx) =>
        {
            await outbox.RescheduleAsync(c, tx, entry.Id, clock.GetUtcNow() + delay, failure, ct);
            return 0;
        }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marker request delivered to {Agency}: {Outcome} on attempt {Attempt}")]
    private static partial void LogMarkerOutcome(ILogger logger, Agency agency, MarkerPlacementOutcome outcome, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marker request to {Agency} not delivered ({Failure}) on attempt {Attempt}; will retry")]
    private static partial void LogMarkerRetry(ILogger logger, Agency agency, string failure, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery of {Kind} failed unexpectedly: {ExceptionType}; will retry")]
    private static partial void LogDeliveryFailed(ILogger logger, string kind, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row of unknown kind {Kind}")]
    private static partial void LogUnknownKind(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed: {ExceptionType}; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
