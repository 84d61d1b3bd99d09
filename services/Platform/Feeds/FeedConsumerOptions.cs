namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// How a service follows one change feed: named options, one per feed, bound from the feed's
/// section (<c>NominalFeed</c> for the nominals feed, <c>AssessmentFeed</c> for the assessments
/// feed). The publishing service's address is its <c>Services:&lt;Name&gt;</c> setting.
/// </summary>
public sealed class FeedConsumerOptions
{
    /// <summary>The consumer name the publishing service keeps the position under; set by the service, not configured.</summary>
    public string Consumer { get; set; } = "";

    /// <summary>How often the feed is read when the last page was not full. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events read per call (the publishing service allows at most 500). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Deadline of each call to the publishing service. Default 5 s.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait after the first failed pass (publisher unreachable, storage trouble), doubled per failure. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between failed passes. Default 1 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Why the options cannot be used; null when they can.</summary>
    public string? Problem() =>
        PollInterval <= TimeSpan.Zero || CallDeadline <= TimeSpan.Zero || RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay
            ? "PollInterval, CallDeadline and RetryBaseDelay must be positive, and RetryMaxDelay at least RetryBaseDelay."
            : PageSize is < 1 or > FeedRequests.MaxPageSize
                ? "PageSize must be between 1 and 500."
                : null;

    /// <summary>The wait before the next pass after <paramref name="failures"/> failed passes in a row: doubling, capped.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= RetryMaxDelay.Ticks ? RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
