using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
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
    Database database, RecordAccess records, OutboxStore outbox, MarkerRequestStore markers, CredentialCheckStore checks,
    DvlaClient dvla, HmpoClient hmpo, DiscrepancyWorkItems nominals, OutboxSignal signal, ServiceTelemetry telemetry,
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
                var claimed = await database.InTransactionAsync(async s =>
                {
                    var rows = await outbox.ClaimDueAsync(s, clock.GetUtcNow(), settings.LeaseDuration, settings.BatchSize);
                    foreach (var row in rows.Where(r => r.Kind == OutboxKinds.AgencyMarker))
                    {
                        await markers.RecordAttemptAsync(s, row.ReferenceId, row.Attempts);
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
        var marker = await FindPendingAsync(entry, markers, m => m.State == MarkerRequestState.Pending, ct);
        if (marker is null)
        {
            return;
        }
        // The outcome is committed even when the worker is stopping: the agency has acted on it.
        var call = CallScope.ForSystem(AuditActor.System(WorkerName, marker.ForceCode, "DeliverMarkerRequest"), CancellationToken.None);
        var disclosure = new AuditEvent(AuditOperation.Disclosure, marker.Nominal, marker.ForceCode, [AgencyNames.AuditRecipient(marker.Agency)]);
        try
        {
            MarkerPlacement placement;
            // R-IC3: the placement is charged to the marker's force's share of the agency's limit.
            using (AgencyBudget.ChargeTo(marker.ForceCode))
            {
                placement = marker.Agency == Agency.Dvla
                    ? await dvla.PlaceMarkerAsync(marker.Payload, marker.IdempotencyKey, ct)
                    : await hmpo.PlaceMarkerAsync(marker.Payload, marker.IdempotencyKey, ct);
            }
            await records.RunAsync(call, async s =>
            {
                var now = clock.GetUtcNow();
                await markers.UpdateDeliveryAsync(s, marker.Apply(placement, entry.Attempts, now));
                await outbox.CompleteAsync(s, entry.Id, now);
                await records.AuditAsync(s, call, disclosure);
                return true;
            });
            LogMarkerOutcome(logger, marker.Agency, placement.Outcome, entry.Attempts);
        }
        catch (AgencyUnavailableException e)
        {
            var next = clock.GetUtcNow() + Backoff(entry, e.RetryAfter);
            await records.RunAsync(call, async s =>
            {
                await markers.UpdateDeliveryAsync(s, marker.Retrying(e.Code, entry.Attempts, next, clock.GetUtcNow()));
                await outbox.RescheduleAsync(s, entry.Id, next, e.Code);
                if (e.Attempts > 0)
                {
                    await records.AuditAsync(s, call, disclosure);
                }
                return true;
            });
            LogMarkerRetry(logger, marker.Agency, e.Code, entry.Attempts);
        }
    }

    private async Task DeliverWorkItemAsync(OutboxEntry entry, CancellationToken ct)
    {
        var check = await FindPendingAsync(entry, checks, c => c.OwesWorkItem, ct);
        if (check is null)
        {
            return;
        }
        try
        {
            // The check's own id is the request_id: a repeated delivery returns the same work item.
            var (outcome, workItem, _) = await nominals.CreateDiscrepancyWorkItemAsync(check.NominalId, check.ForceCode,
                CredentialComparison.SummaryCode(check.Discrepancies), check.ResourceName, check.Id, ct);
            var call = CallScope.ForSystem(AuditActor.System(WorkerName, check.ForceCode, "RaiseIdentityDiscrepancy"), CancellationToken.None);
            await records.RunAsync(call, async s =>
            {
                var state = outcome == WorkItemDeliveryOutcome.Created ? NotificationState.Delivered : NotificationState.Rejected;
                await checks.UpdateNotificationAsync(s, check.Id, state, workItem);
                await outbox.CompleteAsync(s, entry.Id, clock.GetUtcNow());
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Disclosure, check.Nominal, check.ForceCode, ["service:nominals"]));
                return true;
            });
        }
        catch (DependencyUnavailableException e)
        {
            await RescheduleAsync(entry, e.Reason.ToLowerInvariant(), Backoff(entry, null), CancellationToken.None);
        }
    }

    /// <summary>The record an outbox row delivers, if it still waits for delivery; otherwise the row is done.</summary>
    private async Task<T?> FindPendingAsync<T>(OutboxEntry entry, IRecordReader<T> reader, Func<T, bool> isPending, CancellationToken ct) where T : class
    {
        var record = await database.InTransactionAsync(s => reader.FindAsync(s, entry.ReferenceId), ct);
        if (record is not null && isPending(record))
        {
            return record;
        }
        await database.InTransactionAsync(s => outbox.CompleteAsync(s, entry.Id, clock.GetUtcNow()), ct);
        return null;
    }

    private TimeSpan Backoff(OutboxEntry entry, TimeSpan? retryAfter)
    {
        var settings = options.Value.Outbox;
        return DeliveryBackoff.Next(entry.Attempts, retryAfter, settings.RetryBaseDelay, settings.RetryMaxDelay, settings.MaxRetryAfter, Random.Shared.NextDouble());
    }

    private Task RescheduleAsync(OutboxEntry entry, string failure, TimeSpan delay, CancellationToken ct) =>
        database.InTransactionAsync(s => outbox.RescheduleAsync(s, entry.Id, clock.GetUtcNow() + delay, failure), ct);

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
