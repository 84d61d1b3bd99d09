using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// Follows one change feed as a named consumer, the one way every service follows every feed. Each
/// pass reads the page after the position the publishing service holds for the consumer
/// (<see cref="IFeedSource{TType}"/>), applies each event its handlers act on in a unit of work of
/// this service (with the applied position, so a re-delivered event is skipped), then commits the
/// page's last sequence back. Nothing is committed before it is applied, so no event is lost: a
/// crash, or a failed commit, delivers the page again. While the publisher (or storage) fails,
/// passes back off, doubling up to <see cref="FeedConsumerOptions.RetryMaxDelay"/>. Logs carry the
/// feed, sequences, counts and status codes only, never personal data.
/// </summary>
public sealed partial class FeedConsumer<TType>(
    IFeedSource<TType> source, Database database, IEnumerable<IFeedHandler<TType>> handlers,
    IOptionsMonitor<FeedConsumerOptions> options, TimeProvider clock, ILogger<FeedConsumer<TType>> logger) : BackgroundService
    where TType : struct, Enum
{
    private FeedConsumerOptions Settings => options.Get(source.Feed);

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
                // Nothing is skipped: an event that cannot be applied (or a publisher that cannot be
                // reached) holds the consumer at its position until it can, so an erasure is never
                // lost; the log says which pass failed and why, by status or type only.
                failures++;
                wait = Settings.RetryDelay(failures);
                LogPassFailed(logger, source.Feed, Settings.Consumer, e is RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name, failures, wait);
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
    public async Task<int> PassAsync(CancellationToken ct)
    {
        var settings = Settings;
        var page = await source.ReadAsync(settings.Consumer, settings.PageSize, settings.CallDeadline, ct);
        if (page.Count == 0)
        {
            return 0;
        }
        var applied = 0;
        foreach (var e in page)
        {
            var acting = handlers.Where(h => h.Handles(e.Type)).ToList();
            if (acting.Count > 0 && await FeedPositions.ApplyOnceAsync(database, source.Feed, settings.Consumer, acting, e, clock, ct))
            {
                applied++;
            }
        }
        var last = page[^1].Sequence;
        await source.CommitAsync(settings.Consumer, last, settings.CallDeadline, ct);
        LogPage(logger, source.Feed, settings.Consumer, page[0].Sequence, last, page.Count, applied);
        return page.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}, consumer {Consumer} read events {First} to {Last}: {Count} read, {Applied} applied")]
    private static partial void LogPage(ILogger logger, string feed, string consumer, long first, long last, int count, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}, consumer {Consumer}: pass failed ({Failure}), {Failures} in a row; retrying in {Wait}")]
    private static partial void LogPassFailed(ILogger logger, string feed, string consumer, string failure, int failures, TimeSpan wait);
}

/// <summary>
/// The positions a service has applied the feeds it follows up to (platform table
/// <c>applied_feed_positions</c>, per feed and consumer), written in the unit of work that applies
/// each event.
/// </summary>
public static class FeedPositions
{
    /// <summary>
    /// Applies <paramref name="e"/> with <paramref name="acting"/> and records it as the consumer's
    /// applied position on <paramref name="feed"/>, in one unit of work; an event at or below that
    /// position was applied before and changes nothing (false).
    /// </summary>
    public static Task<bool> ApplyOnceAsync<TType>(
        Database database, string feed, string consumer, IReadOnlyList<IFeedHandler<TType>> acting, FeedEvent<TType> e, TimeProvider clock,
        CancellationToken ct) where TType : struct, Enum =>
        database.InTransactionAsync(async s =>
        {
            // Replicas of one service apply one event of a feed at a time, in order.
            await s.LockAsync($"feed:{feed}:{consumer}");
            if (await AppliedPositionAsync(s, feed, consumer) >= e.Sequence)
            {
                return false;
            }
            foreach (var handler in acting)
            {
                await handler.ApplyAsync(s, e);
            }
            await s.ExecuteAsync(
                """
                INSERT INTO applied_feed_positions (feed, consumer, last_sequence, update_time) VALUES (@feed, @consumer, @sequence, @now)
                ON CONFLICT (feed, consumer) DO UPDATE SET last_sequence = excluded.last_sequence, update_time = excluded.update_time
                """,
                new { feed, consumer, sequence = e.Sequence, now = StoredTime.Format(clock.GetUtcNow()) });
            return true;
        }, ct);

    /// <summary>The sequence of the last event of <paramref name="feed"/> this service applied as <paramref name="consumer"/>; 0 before the first.</summary>
    public static async Task<long> AppliedPositionAsync(Session s, string feed, string consumer) =>
        await s.SingleOrDefaultAsync<long?>(
            "SELECT last_sequence FROM applied_feed_positions WHERE feed = @feed AND consumer = @consumer", new { feed, consumer }) ?? 0;
}
