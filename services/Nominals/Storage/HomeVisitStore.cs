namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Home visit rows. A visit's force is its nominal's owning force, read by joining nominals as the
/// obligations ledger and the work queues do (the platform's <c>RecordTable</c> stores a force on
/// each row instead, which a transfer inside this service would leave stale), so a transfer takes
/// the visits along. Every method runs in the caller's unit of work. Erasing a nominal (R-AU1)
/// removes its visits and the idempotency keys that hold copies of them.
/// </summary>
public sealed class HomeVisitStore : IRecordStore<HomeVisitRecord>, IErasureParticipant
{
    private const string Select =
        """
        SELECT v.id, v.nominal_id, n.force_code, v.state, v.planned_date, v.officer, v.purpose, v.visit_time, v.observations,
               v.outcome_note, v.acute_factor_record, v.non_cooperation, v.intelligence, v.planned_by, v.recorded_by,
               v.create_time, v.update_time, v.version
        FROM home_visits v JOIN nominals n ON n.id = v.nominal_id
        """;

    /// <summary>Where a listing resumes: after this visit in (planned date, id) descending order.</summary>
    public sealed record Cursor(DateOnly PlannedDate, string Id)
    {
        public string Encode() => $"{StoredTime.FormatDate(PlannedDate)}:{Id}";

        /// <summary>The cursor of a page token's key; INVALID_ARGUMENT for anything this store did not make.</summary>
        public static Cursor? Decode(string? key)
        {
            if (key is null)
            {
                return null;
            }
            var parts = key.Split(':');
            return parts is [var date, var id]
                && DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                && Guid.TryParseExact(id, "D", out _)
                ? new Cursor(d, id)
                : throw ValidationFailedException.For("page_token", "is not a token from this query");
        }
    }

    public Task InsertAsync(Session s, HomeVisitRecord visit) =>
        s.ExecuteAsync(
            """
            INSERT INTO home_visits (id, nominal_id, state, planned_date, officer, purpose, visit_time, observations, outcome_note,
                acute_factor_record, non_cooperation, intelligence, planned_by, recorded_by, create_time, update_time, version)
            VALUES (@Id, @NominalId, @State, @PlannedDate, @Officer, @Purpose, @VisitTime, @Observations, @OutcomeNote,
                @AcuteFactorRecord, @NonCooperation, @Intelligence, @PlannedBy, @RecordedBy, @CreateTime, @UpdateTime, @Version)
            """, Row.From(visit));

    /// <summary>The visit with this id (a UUID, unique across nominals), with its nominal's force.</summary>
    public async Task<HomeVisitRecord?> FindAsync(Session session, string id) =>
        (await session.SingleOrDefaultAsync<Row>($"{Select} WHERE v.id = @id", new { id }))?.ToRecord();

    /// <summary>A nominal's visits, newest planned date first (then newest planned), after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<HomeVisitRecord>> ListForNominalAsync(Session s, string nominalId, Cursor? after, int limit)
    {
        var rows = await s.QueryAsync<Row>(
            $"""
            {Select}
            WHERE v.nominal_id = @nominalId
              AND (@afterDate IS NULL OR v.planned_date < @afterDate OR (v.planned_date = @afterDate AND v.id < @afterId))
            ORDER BY v.planned_date DESC, v.id DESC
            LIMIT @limit
            """,
            new { nominalId, afterDate = after is null ? null : StoredTime.FormatDate(after.PlannedDate), afterId = after?.Id, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the visit if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, HomeVisitRecord updated, long expectedVersion)
    {
        var row = Row.From(updated);
        return await session.ExecuteAsync(
            """
            UPDATE home_visits SET state = @State, visit_time = @VisitTime, observations = @Observations, outcome_note = @OutcomeNote,
                acute_factor_record = @AcuteFactorRecord, non_cooperation = @NonCooperation, intelligence = @Intelligence,
                recorded_by = @RecordedBy, update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                row.State, row.VisitTime, row.Observations, row.OutcomeNote, row.AcuteFactorRecord, row.NonCooperation, row.Intelligence,
                row.RecordedBy, row.UpdateTime, row.Version, row.Id, ExpectedVersion = expectedVersion,
            }) == 1;
    }

    public async Task EraseAsync(Session session, string nominalId)
    {
        var ids = await session.QueryAsync<string>("SELECT id FROM home_visits WHERE nominal_id = @nominalId", new { nominalId });
        // A plan's stored answer is a copy of the visit.
        await IdempotencyStore.DeleteForAsync(session, ids.Select(id => HomeVisitNames.Format(nominalId, id)).ToList());
        await session.ExecuteAsync("DELETE FROM home_visits WHERE nominal_id = @nominalId", new { nominalId });
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long State { get; set; }
        public string PlannedDate { get; set; } = "";
        public string Officer { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string VisitTime { get; set; } = "";
        public string Observations { get; set; } = "";
        public string OutcomeNote { get; set; } = "";
        public string AcuteFactorRecord { get; set; } = "";
        public string NonCooperation { get; set; } = "";
        public string Intelligence { get; set; } = "";
        public string PlannedBy { get; set; } = "";
        public string RecordedBy { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static Row From(HomeVisitRecord v) => new()
        {
            Id = v.Id,
            NominalId = v.NominalId,
            ForceCode = v.ForceCode,
            State = (long)v.State,
            PlannedDate = StoredTime.FormatDate(v.PlannedDate),
            Officer = v.Officer,
            Purpose = v.Purpose,
            VisitTime = v.VisitTime is { } t ? StoredTime.Format(t) : "",
            Observations = v.Observations,
            OutcomeNote = v.OutcomeNote,
            AcuteFactorRecord = v.AcuteFactorRecord,
            NonCooperation = v.NonCooperation,
            Intelligence = v.Intelligence,
            PlannedBy = v.PlannedBy,
            RecordedBy = v.RecordedBy,
            CreateTime = StoredTime.Format(v.CreateTime),
            UpdateTime = StoredTime.Format(v.UpdateTime),
            Version = v.Version,
        };

        public HomeVisitRecord ToRecord() => new(
            Id, NominalId, ForceCode, (HomeVisitState)State, StoredTime.ParseDate(PlannedDate), Officer, Purpose,
            VisitTime.Length == 0 ? null : StoredTime.Parse(VisitTime), Observations, OutcomeNote, AcuteFactorRecord, NonCooperation,
            Intelligence, PlannedBy, RecordedBy, StoredTime.Parse(CreateTime), StoredTime.Parse(UpdateTime), Version);
    }
}
