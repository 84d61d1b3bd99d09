using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Nominals;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// Follows the nominals change feed as a named consumer, the one way every service does it. Each
/// pass reads the page after the position the nominals service holds for the consumer, applies each
/// event its handlers act on in a unit of work of this service (with the applied position, so a
/// re-delivered event is skipped), then commits the page's last sequence back to the nominals
/// service. Nothing is committed before it is applied, so no event is lost: a crash, or a failed
/// commit, delivers the page again. While the nominals service (or storage) fails, passes back off,
/// doubling up to <see cref="NominalFeedOptions.RetryMaxDelay"/>. Logs carry sequences, counts and
/// status codes only, never personal data.
/// </summary>
public sealed partial class NominalFeedConsumer(
    NominalsServiceCalls calls, Database database, IEnumerable<INominalFeedHandler> handlers,
    IOptions<NominalFeedOptions> options, TimeProvider clock, ILogger<NominalFeedConsumer> logger) : BackgroundService
{
    /// <summary>
    /// The force claim of the consumer's token. A service principal reads every force's events
    /// (the feed scopes only people by force), so it acts for no one force.
    /// </summary>
    public const string AllForces = "*";

    private readonly NominalsService.NominalsServiceClient _nominals = calls.Nominals;

    private NominalFeedOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let start-up finish (migrations run before this; Kestrel starts alongside).
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var read = await PassAsync(stoppingToken);
                failures = 0;
                if (read >= Settings.PageSize)
                {
                    continue;
                }
                wait = Settings.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Nothing is skipped: an event that cannot be applied (or a nominals service that
                // cannot be reached) holds the consumer at its position until it can, so an erasure
                // is never lost; the log says which pass failed and why, by status or type only.
                failures++;
                wait = Settings.RetryDelay(failures);
                LogPassFailed(logger, Settings.Consumer, e is RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name, failures, wait);
            }
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One page: read from the committed position, apply, commit. Returns how many events were read.</summary>
    private async Task<int> PassAsync(CancellationToken ct)
    {
        var page = await _nominals.ListNominalEventsAsync(
            new ListNominalEventsRequest { Consumer = Settings.Consumer, PageSize = Settings.PageSize }, CallOptions(ct));
        if (page.Events.Count == 0)
        {
            return 0;
        }
        var applied = 0;
        foreach (var e in page.Events)
        {
            if (await ApplyAsync(e, ct))
            {
                applied++;
            }
        }
        var last = page.Events[^1].Sequence;
        await _nominals.CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = Settings.Consumer, Sequence = last }, CallOptions(ct));
        LogPage(logger, Settings.Consumer, page.Events[0].Sequence, last, page.Events.Count, applied);
        return page.Events.Count;
    }

    /// <summary>Applies one event with the handlers that act on it, unless it was applied before; true when applied now.</summary>
    private Task<bool> ApplyAsync(NominalEvent contract, CancellationToken ct)
    {
        var acting = handlers.Where(h => h.Handles(contract.Type)).ToList();
        if (acting.Count == 0)
        {
            return Task.FromResult(false);
        }
        var e = new FeedEvent(contract.Sequence, contract.Type,
            NominalNames.TryParse(contract.Nominal) ?? throw new InvalidOperationException($"Nominal event {contract.Sequence} names no nominal."),
            contract.ForceCode, contract.Attributes);
        return ApplyOnceAsync(database, Settings.Consumer, acting, e, clock, ct);
    }

    /// <summary>
    /// Applies <paramref name="e"/> with <paramref name="acting"/> and records it as the consumer's
    /// applied position, in one unit of work; an event at or below that position was applied before
    /// and changes nothing (false).
    /// </summary>
    public static Task<bool> ApplyOnceAsync(
        Database database, string consumer, IReadOnlyList<INominalFeedHandler> acting, FeedEvent e, TimeProvider clock, CancellationToken ct) =>
        database.InTransactionAsync(async s =>
        {
            // Replicas of one service apply one event at a time, in order.
            await s.LockAsync("nominal-feed:" + consumer);
            if (await AppliedPositionAsync(s, consumer) >= e.Sequence)
            {
                return false;
            }
            foreach (var handler in acting)
            {
                await handler.ApplyAsync(s, e);
            }
            await s.ExecuteAsync(
                """
                INSERT INTO applied_feed_positions (consumer, last_sequence, update_time) VALUES (@consumer, @sequence, @now)
                ON CONFLICT (consumer) DO UPDATE SET last_sequence = excluded.last_sequence, update_time = excluded.update_time
                """,
                new { consumer, sequence = e.Sequence, now = StoredTime.Format(clock.GetUtcNow()) });
            return true;
        }, ct);

    /// <summary>The sequence of the last event this service applied as <paramref name="consumer"/>; 0 before the first.</summary>
    public static async Task<long> AppliedPositionAsync(Session s, string consumer) =>
        await s.SingleOrDefaultAsync<long?>("SELECT last_sequence FROM applied_feed_positions WHERE consumer = @consumer", new { consumer }) ?? 0;

    private CallOptions CallOptions(CancellationToken ct) => calls.Options(AllForces, Settings.CallDeadline, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nominal feed consumer {Consumer} read events {First} to {Last}: {Count} read, {Applied} applied")]
    private static partial void LogPage(ILogger logger, string consumer, long first, long last, int count, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nominal feed consumer {Consumer} pass failed ({Failure}), {Failures} in a row; retrying in {Wait}")]
    private static partial void LogPassFailed(ILogger logger, string consumer, string failure, int failures, TimeSpan wait);
}
