namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>What an outbox row delivers.</summary>
public static class OutboxKinds
{
    /// <summary>A marker request to DVLA or HMPO; reference_id is the marker request.</summary>
    public const string AgencyMarker = "AGENCY_MARKER";

    /// <summary>An IDENTITY_DISCREPANCY work item to the nominals service; reference_id is the credential check.</summary>
    public const string DiscrepancyWorkItem = "DISCREPANCY_WORK_ITEM";
}

/// <summary>One delivery owed to another system.</summary>
public sealed record OutboxEntry(string Id, string Kind, string ReferenceId, string ForceCode, int Attempts, DateTimeOffset NextAttemptTime);

/// <summary>
/// The durable outbox (R-IC5). Rows are written in the same transaction as what they deliver, so
/// nothing is stored without its delivery and nothing is delivered that was not stored.
/// </summary>
public sealed class OutboxStore
{
    public Task InsertAsync(Session session, string id, string kind, string referenceId, string force, DateTimeOffset now) =>
        session.ExecuteAsync(
            """
            INSERT INTO outbox (id, kind, reference_id, force_code, done, attempts, next_attempt_time, lease_until, last_failure, create_time, done_time)
            VALUES (@id, @kind, @referenceId, @force, 0, 0, @now, NULL, '', @now, NULL)
            """, new { id, kind, referenceId, force, now = StoredTime.Format(now) });

    /// <summary>
    /// Claims up to <paramref name="limit"/> due rows: each gets a lease and one more attempt,
    /// committed before anything is sent, so a worker that dies mid-delivery leaves a row that
    /// another (or the restarted) worker claims again when the lease runs out.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(Session session, DateTimeOffset now, TimeSpan lease, int limit)
    {
        var nowText = StoredTime.Format(now);
        var candidates = await session.QueryAsync<string>(
            """
            SELECT id FROM outbox
            WHERE done = 0 AND next_attempt_time <= @now AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY next_attempt_time
            LIMIT @limit
            """, new { now = nowText, limit });
        var claimed = new List<OutboxEntry>();
        foreach (var id in candidates)
        {
            var row = await session.SingleOrDefaultAsync<Row>(
                """
                UPDATE outbox SET lease_until = @until, attempts = attempts + 1
                WHERE id = @id AND done = 0 AND (lease_until IS NULL OR lease_until < @now)
                RETURNING id, kind, reference_id, force_code, attempts, next_attempt_time
                """, new { id, now = nowText, until = StoredTime.Format(now + lease) });
            if (row is not null)
            {
                claimed.Add(new OutboxEntry(row.Id, row.Kind, row.ReferenceId, row.ForceCode, (int)row.Attempts, StoredTime.Parse(row.NextAttemptTime)));
            }
        }
        return claimed;
    }

    public Task CompleteAsync(Session session, string id, DateTimeOffset now) =>
        session.ExecuteAsync(
            "UPDATE outbox SET done = 1, done_time = @now, lease_until = NULL, last_failure = '' WHERE id = @id",
            new { id, now = StoredTime.Format(now) });

    /// <summary>Releases the lease and sets when to try again.</summary>
    public Task RescheduleAsync(Session session, string id, DateTimeOffset next, string failure) =>
        session.ExecuteAsync(
            "UPDATE outbox SET next_attempt_time = @next, lease_until = NULL, last_failure = @failure WHERE id = @id",
            new { id, next = StoredTime.Format(next), failure });

    /// <summary>The nominal's deliveries (named by the marker request or credential check they deliver).</summary>
    private const string OfNominal =
        "reference_id IN (SELECT id FROM marker_requests WHERE nominal_id = @nominalId UNION SELECT id FROM credential_checks WHERE nominal_id = @nominalId)";

    /// <summary>
    /// R-AU1: deletes the nominal's deliveries, done or not, so nothing about it is sent after its
    /// erasure. Run before the marker requests and credential checks they name are deleted.
    /// </summary>
    public Task<int> EraseNominalAsync(Session session, string nominalId) =>
        session.ExecuteAsync($"DELETE FROM outbox WHERE {OfNominal}", new { nominalId });

    /// <summary>The nominal's deliveries are made for the force it was transferred to.</summary>
    public Task<int> MoveNominalAsync(Session session, string nominalId, string force) =>
        session.ExecuteAsync($"UPDATE outbox SET force_code = @force WHERE force_code <> @force AND {OfNominal}", new { nominalId, force });

    /// <summary>The earliest time a row falls due (or its lease runs out), so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(Session session) =>
        StoredTime.ParseOptional(await session.SingleOrDefaultAsync<string?>(
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_time THEN lease_until ELSE next_attempt_time END) FROM outbox WHERE done = 0"));

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public string ReferenceId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Attempts { get; set; }
        public string NextAttemptTime { get; set; } = "";
    }
}
