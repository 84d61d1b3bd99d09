using System.Text.Json;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Storage;

/// <summary>One change other services react to. Ids and codes only: never names or victim data.</summary>
public sealed record NominalEventRecord(
    long Sequence, string EventId, NominalEventType Type, string NominalId, string ForceCode,
    DateTimeOffset OccurTime, DateOnly? ArmsDueDate, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// The ordered, resumable change feed. Events are written in the transaction of the change that
/// causes them (an outbox), so a change and its event are never seen one without the other.
/// Readers page by sequence; named consumers keep their committed position here. To move to a
/// broker, a relay would read this table in order and publish; the contract stays the same.
/// </summary>
public sealed class ChangeFeed(TimeProvider clock)
{
    private volatile TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Writes the nominal's events in the session of the change that causes them; watchers are
    /// woken once that session has committed (never after a rollback).
    /// </summary>
    public Task PublishAsync(Session s, NominalRecord nominal, IReadOnlyList<NominalFeedEvent> events) =>
        PublishAsync(s, nominal.Id, nominal.ForceCode, events);

    /// <summary>As above, for a nominal known by id and owning force only (a worker's change).</summary>
    public async Task PublishAsync(Session s, string nominalId, string force, IReadOnlyList<NominalFeedEvent> events)
    {
        foreach (var e in events)
        {
            await PublishAsync(s, e, nominalId, force);
        }
        if (events.Count > 0)
        {
            s.AfterCommit(NotifyCommitted);
        }
    }

    private async Task PublishAsync(Session s, NominalFeedEvent e, string nominalId, string force)
    {
        var sequence = await s.ScalarAsync<long>(
            "UPDATE nominal_event_head SET last_sequence = last_sequence + 1 WHERE id = 1 RETURNING last_sequence");
        await s.ExecuteAsync(
            """
            INSERT INTO nominal_events (sequence, event_id, event_type, nominal_id, force_code, occur_time, arms_due_date, attributes)
            VALUES (@sequence, @eventId, @type, @nominalId, @force, @time, @armsDue, @attributes)
            """,
            new
            {
                sequence,
                eventId = Guid.CreateVersion7().ToString("D"),
                type = (int)e.Type,
                nominalId,
                force,
                time = StoredTime.Format(clock.GetUtcNow()),
                armsDue = e.ArmsDueDate is { } due ? StoredTime.FormatDate(due) : "",
                attributes = JsonSerializer.Serialize(AttributesOf(e)),
            });
    }

    /// <summary>
    /// The event's attributes as the feed publishes them: its codes first, each under the original
    /// name of its contract namesake (e.g. LEAD_AGENCY_PROBATION), then its other attributes.
    /// </summary>
    internal static Dictionary<string, string> AttributesOf(NominalFeedEvent e)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var (key, code) in e.Codes ?? new Dictionary<string, Enum>())
        {
            attributes[key] = OriginalName(code);
        }
        foreach (var (key, value) in e.Attributes ?? new Dictionary<string, string>())
        {
            attributes[key] = value;
        }
        return attributes;
    }

    /// <summary>A domain code under the original name of its contract namesake: the one mapping for feed attributes and work item summary codes.</summary>
    internal static string OriginalName(Enum code) => code switch
    {
        ObligationKind kind => ProtoEnums.OriginalName((Contract.ObligationKind)kind),
        ManagementStatus status => ProtoEnums.OriginalName((Contract.ManagementStatus)status),
        StatusChangeTrigger trigger => ProtoEnums.OriginalName((Contract.StatusChangeTrigger)trigger),
        NominalCategory category => ProtoEnums.OriginalName((Contract.NominalCategory)category),
        OffenceClass offenceClass => ProtoEnums.OriginalName((Contract.OffenceClass)offenceClass),
        LeadAgency agency => ProtoEnums.OriginalName((Contract.LeadAgency)agency),
        CivilOrderType type => ProtoEnums.OriginalName((Contract.CivilOrderType)type),
        NonCooperationKind kind => ProtoEnums.OriginalName((Contract.NonCooperationKind)kind),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code.GetType().Name, "a feed code with no contract namesake"),
    };

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
    public async Task<IReadOnlyList<NominalEventRecord>> ReadAsync(Session s, long afterSequence, string? force, int limit)
    {
        var rows = await s.QueryAsync<EventRow>(
            """
            SELECT sequence, event_id, event_type, nominal_id, force_code, occur_time, arms_due_date, attributes
            FROM nominal_events
            WHERE sequence > @afterSequence AND (@force IS NULL OR force_code = @force)
            ORDER BY sequence
            LIMIT @limit
            """, new { afterSequence, force, limit });
        return rows.Select(r => new NominalEventRecord(
            r.Sequence, r.EventId, (NominalEventType)r.EventType, r.NominalId, r.ForceCode,
            StoredTime.Parse(r.OccurTime),
            r.ArmsDueDate.Length == 0 ? null : StoredTime.ParseDate(r.ArmsDueDate),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Attributes) ?? [])).ToList();
    }

    public Task<long?> PositionAsync(Session s, string consumer) =>
        s.SingleOrDefaultAsync<long?>(
            "SELECT last_sequence FROM feed_positions WHERE consumer = @consumer", new { consumer });

    public Task CommitAsync(Session s, string consumer, long sequence) =>
        s.ExecuteAsync(
            """
            INSERT INTO feed_positions (consumer, last_sequence, update_time) VALUES (@consumer, @sequence, @now)
            ON CONFLICT (consumer) DO UPDATE SET last_sequence = excluded.last_sequence, update_time = excluded.update_time
            """, new { consumer, sequence, now = StoredTime.Format(clock.GetUtcNow()) });

    private sealed class EventRow
    {
        public long Sequence { get; set; }
        public string EventId { get; set; } = "";
        public long EventType { get; set; }
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string OccurTime { get; set; } = "";
        public string ArmsDueDate { get; set; } = "";
        public string Attributes { get; set; } = "{}";
    }
}
