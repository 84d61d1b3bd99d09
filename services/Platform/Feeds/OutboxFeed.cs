using System.Text.Json;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// An event to publish: its type (the number of its contract enum value), the record it is about
/// (<paramref name="RecordId"/>: the nominal itself on the nominals feed, the assessment on the
/// assessments feed), the nominal and its force, ids and codes only in <paramref name="Attributes"/>
/// (never names, free text or victim data), and a due date where the feed's contract carries one.
/// </summary>
public sealed record OutboxEntry(
    int Type, string RecordId, string NominalId, string ForceCode, IReadOnlyDictionary<string, string> Attributes, DateOnly? DueDate = null);

/// <summary>One published event as a feed reader gets it.</summary>
public sealed record OutboxEvent(
    long Sequence, string EventId, int Type, string RecordId, string NominalId, string ForceCode, DateTimeOffset OccurTime,
    DateOnly? DueDate, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// A service's ordered, resumable change feed: the one outbox mechanism of the suite (platform
/// migration V0003). Events are written in the transaction of the change that causes them, so a
/// change and its event are never seen one without the other; each feed is numbered from 1 without
/// gaps by claiming the next value on its head row, which also serialises publishers. Readers page
/// by sequence; named consumers keep their committed position here. A service's feed class (the
/// nominals ChangeFeed, the AssessmentFeed) turns its domain events into entries and owns one of
/// these. To move to a broker, a relay would read this table in order and publish; the contracts
/// stay the same.
/// </summary>
public sealed class OutboxFeed(string feed, TimeProvider clock)
{
    private volatile TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The feed's name (e.g. "nominals", "assessments").</summary>
    public string Feed { get; } = feed;

    /// <summary>
    /// Writes the entries in the session of the change that causes them; watchers are woken once
    /// that session has committed (never after a rollback).
    /// </summary>
    public async Task PublishAsync(Session s, IReadOnlyList<OutboxEntry> entries)
    {
        foreach (var e in entries)
        {
            var sequence = await s.ScalarAsync<long>(
                """
                INSERT INTO outbox_heads (feed, last_sequence) VALUES (@feed, 1)
                ON CONFLICT (feed) DO UPDATE SET last_sequence = outbox_heads.last_sequence + 1
                RETURNING last_sequence
                """, new { feed = Feed });
            await s.ExecuteAsync(
                """
                INSERT INTO outbox_events (feed, sequence, event_id, event_type, record_id, nominal_id, force_code, occur_time, due_date, attributes)
                VALUES (@feed, @sequence, @eventId, @type, @recordId, @nominalId, @force, @time, @due, @attributes)
                """,
                new
                {
                    feed = Feed,
                    sequence,
                    eventId = Guid.CreateVersion7().ToString("D"),
                    type = e.Type,
                    recordId = e.RecordId,
                    nominalId = e.NominalId,
                    force = e.ForceCode,
                    time = StoredTime.Format(clock.GetUtcNow()),
                    due = e.DueDate is { } due ? StoredTime.FormatDate(due) : "",
                    attributes = JsonSerializer.Serialize(e.Attributes),
                });
        }
        if (entries.Count > 0)
        {
            s.AfterCommit(NotifyCommitted);
        }
    }

    /// <summary>Wakes watchers: run after the publishing transaction has committed.</summary>
    private void NotifyCommitted()
    {
        var previous = Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Completes when something is published, or after <paramref name="poll"/> at most.</summary>
    public async Task WaitForNewAsync(TimeSpan poll, CancellationToken ct)
    {
        var signal = _published.Task;
        await Task.WhenAny(signal, Task.Delay(poll, clock, ct));
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Events after a sequence, in order; only one force's when <paramref name="force"/> is set.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ReadAsync(Session s, long afterSequence, string? force, int limit)
    {
        var rows = await s.QueryAsync<EventRow>(
            """
            SELECT sequence, event_id, event_type, record_id, nominal_id, force_code, occur_time, due_date, attributes
            FROM outbox_events
            WHERE feed = @feed AND sequence > @afterSequence AND (@force IS NULL OR force_code = @force)
            ORDER BY sequence
            LIMIT @limit
            """, new { feed = Feed, afterSequence, force, limit });
        return rows.Select(r => new OutboxEvent(
            r.Sequence, r.EventId, (int)r.EventType, r.RecordId, r.NominalId, r.ForceCode,
            StoredTime.Parse(r.OccurTime),
            r.DueDate.Length == 0 ? null : StoredTime.ParseDate(r.DueDate),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Attributes) ?? [])).ToList();
    }

    /// <summary>The sequence of the feed's last event; 0 before the first.</summary>
    public async Task<long> LastSequenceAsync(Session s) =>
        await s.SingleOrDefaultAsync<long?>("SELECT last_sequence FROM outbox_heads WHERE feed = @feed", new { feed = Feed }) ?? 0;

    /// <summary>The committed position of a named consumer; null before its first commit.</summary>
    public Task<long?> PositionAsync(Session s, string consumer) =>
        s.SingleOrDefaultAsync<long?>(
            "SELECT last_sequence FROM outbox_consumer_positions WHERE feed = @feed AND consumer = @consumer", new { feed = Feed, consumer });

    /// <summary>
    /// Commits a consumer's position; an explicit commit may also wind it back, to replay. Replicas of
    /// one consumer each commit the pages they read, so a slower replica may set the position back a
    /// little: those events are then read again and skipped by the consumer's applied position
    /// (<see cref="FeedPositions"/>), never lost.
    /// </summary>
    public Task CommitAsync(Session s, string consumer, long sequence) =>
        s.ExecuteAsync(
            """
            INSERT INTO outbox_consumer_positions (feed, consumer, last_sequence, update_time) VALUES (@feed, @consumer, @sequence, @now)
            ON CONFLICT (feed, consumer) DO UPDATE SET last_sequence = excluded.last_sequence, update_time = excluded.update_time
            """, new { feed = Feed, consumer, sequence, now = StoredTime.Format(clock.GetUtcNow()) });

    private sealed class EventRow
    {
        public long Sequence { get; set; }
        public string EventId { get; set; } = "";
        public long EventType { get; set; }
        public string RecordId { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string OccurTime { get; set; } = "";
        public string DueDate { get; set; } = "";
        public string Attributes { get; set; } = "{}";
    }
}
