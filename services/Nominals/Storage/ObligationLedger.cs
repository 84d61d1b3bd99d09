using System.Globalization;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// The obligations ledger (R-MR4): rows are added by the changes that trigger them and only ever
/// move from open to satisfied or waived. Every method runs in the caller's unit of work. The
/// nominal's force and officer are joined in on every read, never copied onto the obligation.
/// </summary>
public sealed class ObligationLedger(ChangeFeed feed) : IRecordStore<ObligationRecord>, IErasureParticipant
{
    private const string Select =
        """
        SELECT o.id, o.nominal_id, n.force_code, n.mosovo_officer, o.kind, o.state, o.trigger_code, o.trigger_key,
               o.trigger_record, o.trigger_date, o.due_date, o.arises_on, o.satisfied_by, o.waive_reason, o.closed_by,
               o.close_time, o.create_time, o.version
        FROM obligations o JOIN nominals n ON n.id = o.nominal_id
        """;

    /// <summary>Applies a change's ledger entries (see <see cref="LedgerEntry"/>) on the day of <paramref name="now"/> (Europe/London).</summary>
    public async Task ApplyAsync(Session s, NominalRecord nominal, IReadOnlyList<LedgerEntry> entries, DateTimeOffset now)
    {
        var today = LocalDates.DateOf(now);
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case RaiseObligation raise:
                    await RaiseAsync(s, nominal, raise, today, now);
                    break;
                case SatisfyOpenObligations { Kinds.Count: > 0 } satisfy:
                    await s.ExecuteAsync(
                        $"""
                        UPDATE obligations SET state = {(int)ObligationState.Satisfied}, satisfied_by = @by, closed_by = @by,
                            close_time = @now, version = version + 1
                        WHERE nominal_id = @nominal AND state = {(int)ObligationState.Open} AND arises_on <= @arisenBy AND create_time <= @raisedBy
                          AND kind IN ({KindList(satisfy.Kinds)}) AND (@prefix IS NULL OR substr(trigger_key, 1, length(@prefix)) = @prefix)
                        """,
                        new
                        {
                            by = satisfy.SatisfiedBy, nominal = nominal.Id, now = Text(now), prefix = satisfy.TriggerKeyPrefix,
                            arisenBy = Text(satisfy.AsOf is { } asOf && LocalDates.DateOf(asOf) < today ? LocalDates.DateOf(asOf) : today),
                            raisedBy = Text(satisfy.AsOf is { } made && made < now ? made : now),
                        });
                    break;
                case SatisfyOpenObligations:
                    break;
                case WaiveOpenObligations { Kinds.Count: > 0 } waive:
                    await WaiveAsync(s, nominal, waive, now);
                    break;
                case WaiveOpenObligations:
                    break;
                case WithdrawScheduledObligation withdraw:
                    // Only one that has not arisen yet: once it has, it is an obligation and stays (R-MR4).
                    await s.ExecuteAsync(
                        "DELETE FROM obligations WHERE nominal_id = @nominal AND trigger_key = @key AND arises_on > @today",
                        new { nominal = nominal.Id, key = withdraw.TriggerKey, today = Text(today) });
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(entries), entry.GetType().Name, "an unknown ledger entry");
            }
        }
    }

    private static async Task WaiveAsync(Session s, NominalRecord nominal, WaiveOpenObligations waive, DateTimeOffset now)
    {
        var open = await s.QueryAsync<KeyRow>(
            $"""
            SELECT id, trigger_key FROM obligations
            WHERE nominal_id = @nominal AND state = {(int)ObligationState.Open} AND kind IN ({KindList(waive.Kinds)})
              AND (@trigger IS NULL OR trigger_code = @trigger) AND (@prefix IS NULL OR substr(trigger_key, 1, length(@prefix)) = @prefix)
            """,
            new { nominal = nominal.Id, trigger = waive.Trigger, prefix = waive.TriggerKeyPrefix });
        var except = waive.ExceptKeys is { } keys ? new HashSet<string>(keys, StringComparer.Ordinal) : [];
        foreach (var row in open.Where(r => !except.Contains(r.TriggerKey)))
        {
            await s.ExecuteAsync(
                $"""
                UPDATE obligations SET state = {(int)ObligationState.Waived}, waive_reason = @reason, closed_by = @by, close_time = @now,
                    version = version + 1
                WHERE id = @id AND state = {(int)ObligationState.Open}
                """,
                new { reason = waive.Reason, by = waive.WaivedBy, now = Text(now), id = row.Id });
        }
    }

    private static string KindList(IReadOnlyList<ObligationKind> kinds) =>
        string.Join(", ", kinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string TriggerKey { get; set; } = "";
    }

    private async Task RaiseAsync(Session s, NominalRecord nominal, RaiseObligation raise, DateOnly today, DateTimeOffset now)
    {
        var arises = raise.ArisesOn ?? today;
        var announceNow = arises <= today;
        var id = RequestIds.NewId(now);
        // The same trigger twice raises one obligation (a retried or replayed change adds nothing).
        var inserted = await s.ExecuteAsync(
            """
            INSERT INTO obligations (id, nominal_id, kind, state, trigger_code, trigger_key, trigger_record, trigger_date,
                due_date, arises_on, announced, satisfied_by, waive_reason, closed_by, close_time, create_time, version)
            VALUES (@id, @nominal, @kind, @state, @trigger, @key, @record, @triggerDate, @due, @arises, @announced,
                '', '', '', '', @now, 1)
            ON CONFLICT (nominal_id, trigger_key) DO NOTHING
            """,
            new
            {
                id, nominal = nominal.Id, kind = (int)raise.Kind, state = (int)ObligationState.Open, trigger = raise.Trigger,
                key = raise.TriggerKey, record = raise.TriggerRecord, triggerDate = Text(raise.TriggerDate), due = Text(raise.DueDate),
                arises = Text(arises), announced = announceNow ? 1 : 0, now = Text(now),
            });
        if (inserted == 1 && announceNow)
        {
            await feed.PublishAsync(s, nominal, [Arisen(ObligationNames.Format(nominal.Id, id), raise.Kind, raise.Trigger, raise.DueDate)]);
        }
    }

    /// <summary>
    /// Announces scheduled obligations that have arisen by <paramref name="today"/> (at most
    /// <paramref name="limit"/>), each on the feed exactly once whichever worker claims it.
    /// Returns those announced.
    /// </summary>
    public async Task<IReadOnlyList<ObligationRecord>> AnnounceArisenAsync(Session s, DateOnly today, int limit)
    {
        var due = await s.QueryAsync<Row>(
            $"{Select} WHERE o.announced = 0 AND o.arises_on <= @today ORDER BY o.arises_on, o.id LIMIT @limit",
            new { today = Text(today), limit });
        var announced = new List<ObligationRecord>();
        foreach (var row in due)
        {
            var o = row.ToRecord();
            if (await s.ExecuteAsync("UPDATE obligations SET announced = 1 WHERE id = @id AND announced = 0", new { id = o.Id }) == 1)
            {
                await feed.PublishAsync(s, o.NominalId, o.ForceCode, [Arisen(o.ResourceName, o.Kind, o.Trigger, o.DueDate)]);
                announced.Add(o);
            }
        }
        return announced;
    }

    /// <summary>
    /// The feed event of an obligation arising: the six-week ARMS of R-AS5 keeps its own event
    /// type (conviction-sentence gap); every other is announced as raised.
    /// </summary>
    private static NominalFeedEvent Arisen(string name, ObligationKind kind, string trigger, DateOnly due) =>
        new(trigger == ObligationTriggers.ConvictionWithoutSentence ? NominalEventType.ConvictionSentenceGap : NominalEventType.ObligationRaised,
            kind == ObligationKind.Arms ? due : null,
            new Dictionary<string, string> { ["obligation"] = name, ["trigger"] = trigger },
            new Dictionary<string, Enum> { ["obligation_kind"] = kind });

    public async Task<ObligationRecord?> FindAsync(Session session, string id) =>
        (await session.SingleOrDefaultAsync<Row>($"{Select} WHERE o.id = @id", new { id }))?.ToRecord();

    public async Task<bool> UpdateAsync(Session session, ObligationRecord updated, long expectedVersion) =>
        await session.ExecuteAsync(
            """
            UPDATE obligations SET state = @state, satisfied_by = @satisfiedBy, waive_reason = @waiveReason,
                closed_by = @closedBy, close_time = @closeTime, version = @version
            WHERE id = @id AND version = @expectedVersion
            """,
            new
            {
                state = (int)updated.State, satisfiedBy = updated.SatisfiedBy, waiveReason = updated.WaiveReason, closedBy = updated.ClosedBy,
                closeTime = updated.CloseTime is { } t ? Text(t) : "", version = updated.Version, id = updated.Id, expectedVersion,
            }) == 1;

    /// <summary>A nominal's obligations that have arisen by <paramref name="today"/>, by due date (keyset cursor: due date and id).</summary>
    public async Task<IReadOnlyList<ObligationRecord>> ListForNominalAsync(
        Session s, string nominalId, ObligationState? state, DateOnly today, string? after, int limit)
    {
        var (afterDue, afterId) = ParseCursor(after);
        var rows = await s.QueryAsync<Row>(
            $"""
            {Select}
            WHERE o.nominal_id = @nominalId AND o.arises_on <= @today AND (@state IS NULL OR o.state = @state)
              AND (@afterDue IS NULL OR o.due_date > @afterDue OR (o.due_date = @afterDue AND o.id > @afterId))
            ORDER BY o.due_date, o.id
            LIMIT @limit
            """, new { nominalId, today = Text(today), state = (int?)state, afterDue, afterId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// A force's open obligations past their due date, oldest due first (R-MR3): one officer's
    /// caseload when <paramref name="officer"/> is set, or the caseloads of the members of team
    /// <paramref name="teamId"/> now (the nominal's current MOSOVO officer is a member).
    /// </summary>
    public async Task<IReadOnlyList<ObligationRecord>> ListOverdueAsync(
        Session s, string force, string? officer, string? teamId, ObligationKind? kind, DateOnly today, string? after, int limit)
    {
        var (afterDue, afterId) = ParseCursor(after);
        var rows = await s.QueryAsync<Row>(
            $"""
            {Select}
            WHERE o.state = {(int)ObligationState.Open} AND o.due_date < @today AND o.arises_on <= @today
              AND n.force_code = @force AND (@officer IS NULL OR n.mosovo_officer = @officer) AND (@kind IS NULL OR o.kind = @kind)
              AND (@teamId IS NULL OR EXISTS (
                    SELECT 1 FROM team_members m WHERE m.team_id = @teamId AND m.force_code = n.force_code AND m.officer = n.mosovo_officer))
              AND (@afterDue IS NULL OR o.due_date > @afterDue OR (o.due_date = @afterDue AND o.id > @afterId))
            ORDER BY o.due_date, o.id
            LIMIT @limit
            """, new { force, officer, teamId, kind = (int?)kind, today = Text(today), afterDue, afterId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The keyset cursor of an obligation list: its due date and id.</summary>
    public static string CursorOf(ObligationRecord o) => $"{Text(o.DueDate)}|{o.Id}";

    private static (string? Due, string? Id) ParseCursor(string? after)
    {
        if (after is null)
        {
            return (null, null);
        }
        var bar = after.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, null) : (after[..bar], after[(bar + 1)..]);
    }

    public Task EraseAsync(Session session, string nominalId) =>
        session.ExecuteAsync("DELETE FROM obligations WHERE nominal_id = @nominalId", new { nominalId });

    private static string Text(DateOnly d) => StoredTime.FormatDate(d);

    private static string Text(DateTimeOffset t) => StoredTime.Format(t);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string MosovoOfficer { get; set; } = "";
        public long Kind { get; set; }
        public long State { get; set; }
        public string TriggerCode { get; set; } = "";
        public string TriggerKey { get; set; } = "";
        public string TriggerRecord { get; set; } = "";
        public string TriggerDate { get; set; } = "";
        public string DueDate { get; set; } = "";
        public string ArisesOn { get; set; } = "";
        public string SatisfiedBy { get; set; } = "";
        public string WaiveReason { get; set; } = "";
        public string ClosedBy { get; set; } = "";
        public string CloseTime { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public long Version { get; set; }

        public ObligationRecord ToRecord() => new(
            Id, NominalId, ForceCode, MosovoOfficer, (ObligationKind)Kind, (ObligationState)State, TriggerCode, TriggerKey,
            TriggerRecord, StoredTime.ParseDate(TriggerDate), StoredTime.ParseDate(DueDate), StoredTime.ParseDate(ArisesOn),
            SatisfiedBy, WaiveReason, ClosedBy, StoredTime.ParseOptional(CloseTime), StoredTime.Parse(CreateTime), Version);
    }
}
