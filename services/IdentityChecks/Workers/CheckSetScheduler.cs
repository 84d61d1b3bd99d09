using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Grpc;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Workers;

/// <summary>
/// Runs the yearly check sets that have fallen due (R-RM5). It confirms with the nominals service
/// that the nominal is still on reactive management (else the set is cancelled), opens the manual
/// checks as tasks, runs PND and PNC through their adapters and records the results against the
/// nominal. An agency that cannot answer is retried after <see cref="SchedulerOptions.RetryDelay"/>.
/// </summary>
public sealed partial class CheckSetScheduler(
    Database database, CheckSetStore store, AuditWriter audit, NominalDirectory nominals, EnquiryRunner runner,
    PncClient pnc, PndClient pnd, SchedulerSignal signal, ServiceTelemetry telemetry,
    IOptions<IdentityChecksOptions> options, TimeProvider clock, ILogger<CheckSetScheduler> logger) : BackgroundService
{
    public const string WorkerName = "identity-checks-scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await database.InTransactionAsync((c, tx) => store.FindDueAsync(c, tx, clock.GetUtcNow(), 20, stoppingToken), stoppingToken);
                foreach (var set in due)
                {
                    await RunAsync(set, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPassFailed(logger, e.GetType().Name);
            }
            await signal.Signal.WaitAsync(options.Value.Scheduler.PollInterval, clock, stoppingToken);
        }
    }

    private async Task RunAsync(CheckSetRecord set, CancellationToken ct)
    {
        using var activity = telemetry.Source.StartActivity("scheduled checks run", ActivityKind.Internal);
        var actor = AuditActor.System(WorkerName, set.ForceCode, "RunScheduledChecks");
        var original = set.Version;
        var now = clock.GetUtcNow();
        NominalSnapshot nominal;
        try
        {
            nominal = await nominals.GetAsync(set.NominalId, set.ForceCode, ct);
        }
        catch (ResourceNotFoundException)
        {
            await SaveAsync(set.Cancel("the nominal no longer exists in this force", now), original, null, actor, ct);
            return;
        }
        catch (DependencyUnavailableException)
        {
            await SaveAsync(set with { NextRunTime = now + options.Value.Scheduler.RetryDelay }, original, null, actor, ct);
            return;
        }

        if (set.State == CheckSetState.Scheduled)
        {
            if (nominal.ManagementStatus != ManagementStatus.Reactive)
            {
                await SaveAsync(set.Cancel("the nominal is no longer on reactive management", now), original, null, actor, ct);
                return;
            }
            set = set.Start();
        }

        set = set with { NextRunTime = CheckSetProgress.Parked };
        foreach (var check in set.Checks.Where(c => c.Automated && c.State == ScheduledCheckState.Pending).ToList())
        {
            if (!AgencyIdentifiers.IsPncId(nominal.PncId))
            {
                // Without a PNC ID the adapter cannot search: an officer does it by hand.
                set = set with
                {
                    Checks = set.Checks.Select(c => c.Kind == check.Kind
                        ? c with { State = ScheduledCheckState.ManualTaskOpen, LastFailure = "no PNC ID recorded: check by hand" } : c).ToList(),
                };
                continue;
            }
            try
            {
                set = check.Kind == ScheduledCheckKind.Pnd ? await RunPndAsync(set, nominal, actor, ct) : await RunPncAsync(set, nominal, actor, ct);
            }
            catch (AgencyUnavailableException e)
            {
                set = set.AutomatedFailed(check.Kind, e.Code, clock.GetUtcNow() + options.Value.Scheduler.RetryDelay);
            }
        }
        var (updated, next) = CheckSetProgress.CompleteIfDone(set, clock.GetUtcNow());
        await SaveAsync(updated, original, next, actor, ct);
    }

    private async Task<CheckSetRecord> RunPndAsync(CheckSetRecord set, NominalSnapshot nominal, AuditActor actor, CancellationToken ct)
    {
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnd, "intelligence.search", nominal.PncId, EnquiryGround.Unspecified),
            actor, t => pnd.SearchAsync(nominal.PncId, t), ct);
        var count = answer.Result?.Records.Count ?? 0;
        var outcome = count == 0 ? "PND: no records" : $"PND: {count} record(s) ({string.Join(", ", answer.Result!.Records.Select(r => r.RecordType).Distinct())})";
        return set.RecordAutomated(ScheduledCheckKind.Pnd, outcome, answer.Record.Id, actor.UserId, clock.GetUtcNow());
    }

    private async Task<CheckSetRecord> RunPncAsync(CheckSetRecord set, NominalSnapshot nominal, AuditActor actor, CancellationToken ct)
    {
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnc, "persons.lookup", nominal.PncId, EnquiryGround.Unspecified),
            actor, t => pnc.LookupPersonAsync(nominal.PncId, t), ct);
        var outcome = answer.Result is { } p
            ? $"PNC: record {p.RecordStatus}, {p.WarningSignalCodes.Count} warning signal(s), wanted or missing: {(p.WantedOrMissing ? "yes" : "no")}"
            : "PNC: no record";
        return set.RecordAutomated(ScheduledCheckKind.Pnc, outcome, answer.Record.Id, actor.UserId, clock.GetUtcNow());
    }

    private async Task SaveAsync(CheckSetRecord set, long expectedVersion, CheckSetRecord? next, AuditActor actor, CancellationToken ct) =>
        await database.InTransactionAsync(async (c, tx) =>
        {
            if (!await store.UpdateAsync(c, tx, set with { Version = Math.Max(set.Version, expectedVersion + 1) }, expectedVersion, ct))
            {
                // An officer changed it meanwhile (a manual check): the next pass picks it up afresh.
                return 0;
            }
            if (next is not null)
            {
                await store.InsertAsync(c, tx, next, ct);
                await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Collection, next.ResourceName, next.ForceCode), ct);
            }
            await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Alteration, set.ResourceName, set.ForceCode), ct);
            return 0;
        }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled checks pass failed: {ExceptionType}; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
