using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Enquiries;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Workers;

/// <summary>
/// Runs the yearly check sets that have fallen due (R-RM5). It confirms with the nominals service
/// that the nominal is still on reactive management (else the set is cancelled), opens the manual
/// checks as tasks, runs PND and PNC through their adapters and records the results against the
/// nominal. An agency that cannot answer is retried after <see cref="SchedulerOptions.RetryDelay"/>.
/// Every replica runs a scheduler; each due set is claimed in the database before it runs
/// (<see cref="CheckSetStore.ClaimAsync"/>), so a set runs once, whichever replica takes it.
/// </summary>
public sealed partial class CheckSetScheduler(
    Database database, RecordAccess records, CheckSetStore store, NominalLookup nominals, EnquiryRunner runner,
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
                var due = await database.InTransactionAsync(s => store.FindDueAsync(s, clock.GetUtcNow(), 20), stoppingToken);
                foreach (var set in due)
                {
                    var now = clock.GetUtcNow();
                    if (await database.InTransactionAsync(s => store.ClaimAsync(s, set, now, now + options.Value.Scheduler.LeaseDuration), stoppingToken))
                    {
                        await RunAsync(set, stoppingToken);
                    }
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
        var call = CallScope.ForSystem(AuditActor.System(WorkerName, set.ForceCode, "RunScheduledChecks"), ct);
        var settings = options.Value.Scheduler;
        var original = set.Version;
        var now = clock.GetUtcNow();
        NominalSnapshot nominal;
        try
        {
            nominal = await nominals.GetAsync(call, set.NominalId);
        }
        catch (ResourceNotFoundException)
        {
            await SaveAsync(call, set.Cancel("the nominal no longer exists in this force", now), original, null);
            return;
        }
        catch (DependencyUnavailableException)
        {
            await SaveAsync(call, set with { NextRunTime = now + settings.RetryDelay }, original, null);
            return;
        }

        if (set.State == CheckSetState.Scheduled)
        {
            if ((ManagementStatus)nominal.ManagementStatus != ManagementStatus.Reactive)
            {
                await SaveAsync(call, set.Cancel("the nominal is no longer on reactive management", now), original, null);
                return;
            }
            set = set.Start();
        }

        set = set with { NextRunTime = CheckSetRecord.Parked };
        foreach (var check in set.Checks.Where(c => c.Automated && c.State == ScheduledCheckState.Pending).ToList())
        {
            if (!AgencyIdentifiers.IsPncId(nominal.PncId))
            {
                // Without a PNC ID the adapter cannot search: an officer does it by hand.
                set = set.HandToOfficer(check.Kind, "no PNC ID recorded: check by hand");
                continue;
            }
            try
            {
                set = check.Kind == ScheduledCheckKind.Pnd ? await RunPndAsync(call, set, nominal) : await RunPncAsync(call, set, nominal);
            }
            catch (AgencyUnavailableException e)
            {
                set = set.AutomatedFailed(check.Kind, e.Code, clock.GetUtcNow() + settings.RetryDelay);
            }
        }
        now = clock.GetUtcNow();
        var (updated, next) = set.CompleteIfDone(RequestIds.NewId(now), settings.CheckSetIntervalMonths, now);
        await SaveAsync(call, updated, original, next);
    }

    private async Task<CheckSetRecord> RunPndAsync(CallScope call, CheckSetRecord set, NominalSnapshot nominal)
    {
        var answer = await runner.RunAsync(call, nominal, new EnquirySpec(Agency.Pnd, "intelligence.search", nominal.PncId, EnquiryGround.Unspecified),
            t => pnd.SearchAsync(nominal.PncId, t));
        var count = answer.Result?.Records.Count ?? 0;
        var outcome = count == 0 ? "PND: no records" : $"PND: {count} record(s) ({string.Join(", ", answer.Result!.Records.Select(r => r.RecordType).Distinct())})";
        return set.RecordAutomated(ScheduledCheckKind.Pnd, outcome, answer.Record.Id, call.UserId, clock.GetUtcNow());
    }

    private async Task<CheckSetRecord> RunPncAsync(CallScope call, CheckSetRecord set, NominalSnapshot nominal)
    {
        var answer = await runner.RunAsync(call, nominal, new EnquirySpec(Agency.Pnc, "persons.lookup", nominal.PncId, EnquiryGround.Unspecified),
            t => pnc.LookupPersonAsync(nominal.PncId, t));
        var outcome = answer.Result is { } p
            ? $"PNC: record {p.RecordStatus}, {p.WarningSignalCodes.Count} warning signal(s), wanted or missing: {(p.WantedOrMissing ? "yes" : "no")}"
            : "PNC: no record";
        return set.RecordAutomated(ScheduledCheckKind.Pnc, outcome, answer.Record.Id, call.UserId, clock.GetUtcNow());
    }

    /// <summary>
    /// Writes what this pass made of the set (and the next set, when it completed) as the one
    /// optimistic update, if nobody changed the set since it was read.
    /// </summary>
    private async Task SaveAsync(CallScope call, CheckSetRecord set, long expectedVersion, CheckSetRecord? next)
    {
        try
        {
            await records.UpdateAsync(call, store, set.Id, set.ResourceName, expectedVersion, async (s, _, _) =>
            {
                if (next is not null)
                {
                    await store.InsertAsync(s, next);
                    await records.AuditAsync(s, call, AuditOperation.Collection, next);
                }
                return set;
            }, _ => true);
        }
        catch (EtagMismatchException)
        {
            // An officer changed it meanwhile (a manual check): the next pass picks it up afresh.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled checks pass failed: {ExceptionType}; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
