using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Intelligence and non-cooperation rows. Every method runs inside the caller's transaction.
/// Erasing a nominal (R-AU1) removes both.
/// </summary>
public sealed class IntelligenceStore : IErasureParticipant
{
    private const string Columns =
        "id, nominal_id, source, other_agency, text, observe_time, location, risk_of_serious_harm, recorded_by, recorder_force, record_time, assessment";

    private const string NonCooperationColumns = "id, nominal_id, kind, details, occur_time, recorded_by, record_time";

    public Task InsertAsync(Session s, IntelligenceRecord record) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO intelligence ({Columns})
            VALUES (@Id, @NominalId, @Source, @OtherAgency, @Text, @ObserveTime, @Location, @RiskOfSeriousHarm, @RecordedBy,
                    @RecorderForce, @RecordTime, @Assessment)
            """, IntelligenceRow.From(record));

    public async Task<IntelligenceRecord?> FindAsync(Session s, string nominalId, string id)
    {
        var row = await s.SingleOrDefaultAsync<IntelligenceRow>(
            $"SELECT {Columns} FROM intelligence WHERE id = @id AND nominal_id = @nominalId", new { id, nominalId });
        return row?.ToRecord();
    }

    /// <summary>A nominal's intelligence, newest first, before the given id (keyset pagination).</summary>
    public async Task<IReadOnlyList<IntelligenceRecord>> ListAsync(Session s, string nominalId, string? beforeId, int limit)
    {
        var rows = await s.QueryAsync<IntelligenceRow>(
            $"""
            SELECT {Columns} FROM intelligence
            WHERE nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { nominalId, beforeId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Sets the assessment if there is none yet; false when it was already assessed.</summary>
    public async Task<bool> SetAssessmentAsync(Session s, string id, IntelligenceAssessmentRecord assessment) =>
        await s.ExecuteAsync(
            "UPDATE intelligence SET assessment = @assessment WHERE id = @id AND assessment = ''",
            new { id, assessment = JsonSerializer.Serialize(assessment) }) == 1;

    /// <summary>
    /// R-RM1, R-RM6: the nominal's intelligence assessed as a significant change and observed on or
    /// after <paramref name="from"/> (England and Wales), as concerns dated by their observation:
    /// the earliest and the latest <paramref name="limit"/>, oldest first. Bounded whatever the
    /// nominal's history holds.
    /// </summary>
    public async Task<IReadOnlyList<SignificantChangeConcern>> ListSignificantChangesSinceAsync(Session s, string nominalId, DateOnly from, int limit)
    {
        const string Where = "WHERE nominal_id = @nominalId AND observe_time >= @since AND assessment LIKE @significant";
        var parameters = new { nominalId, since = Time(LocalDates.StartOf(from)), significant = SignificantAssessment, limit };
        var earliest = await s.QueryAsync<ConcernRow>($"SELECT id, observe_time FROM intelligence {Where} ORDER BY observe_time, id LIMIT 1", parameters);
        var latest = await s.QueryAsync<ConcernRow>($"SELECT id, observe_time FROM intelligence {Where} ORDER BY observe_time DESC, id DESC LIMIT @limit", parameters);
        return earliest.Concat(latest).DistinctBy(r => r.Id)
            .Select(r => new SignificantChangeConcern(IntelligenceNames.Format(nominalId, r.Id), LocalDates.DateOf(ParseTime(r.ObserveTime))))
            .OrderBy(c => c.AroseOn).ToList();
    }

    /// <summary>
    /// The stored assessment of a significant change starts so (its significance is the JSON's first
    /// property, as <see cref="SetAssessmentAsync"/> writes it): a LIKE pattern that runs on SQLite and PostgreSQL alike.
    /// </summary>
    private static readonly string SignificantAssessment = PrefixOf(JsonSerializer.Serialize(
        new IntelligenceAssessmentRecord(ChangeSignificance.Significant, [], "", "", default, null)));

    private static string PrefixOf(string json) => json[..(json.IndexOf(',', StringComparison.Ordinal) + 1)] + "%";

    public Task InsertNonCooperationAsync(Session s, NonCooperationRecord record) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO non_cooperation ({NonCooperationColumns})
            VALUES (@Id, @NominalId, @Kind, @Details, @OccurTime, @RecordedBy, @RecordTime)
            """, NonCooperationRow.From(record));

    /// <summary>A nominal's non-cooperation, newest first, before the given id.</summary>
    public async Task<IReadOnlyList<NonCooperationRecord>> ListNonCooperationAsync(Session s, string nominalId, string? beforeId, int limit)
    {
        var rows = await s.QueryAsync<NonCooperationRow>(
            $"""
            SELECT {NonCooperationColumns} FROM non_cooperation
            WHERE nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { nominalId, beforeId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task EraseAsync(Session session, string nominalId)
    {
        await session.ExecuteAsync(
            "DELETE FROM intelligence WHERE nominal_id = @nominalId", new { nominalId });
        await session.ExecuteAsync(
            "DELETE FROM non_cooperation WHERE nominal_id = @nominalId", new { nominalId });
    }

    private static string Time(DateTimeOffset t) => StoredTime.Format(t);

    private static DateTimeOffset ParseTime(string s) => StoredTime.Parse(s);

    private sealed class IntelligenceRow
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Source { get; set; }
        public string OtherAgency { get; set; } = "";
        public string Text { get; set; } = "";
        public string ObserveTime { get; set; } = "";
        public string Location { get; set; } = "";
        public long RiskOfSeriousHarm { get; set; }
        public string RecordedBy { get; set; } = "";
        public string RecorderForce { get; set; } = "";
        public string RecordTime { get; set; } = "";
        public string Assessment { get; set; } = "";

        public static IntelligenceRow From(IntelligenceRecord r) => new()
        {
            Id = r.Id,
            NominalId = r.NominalId,
            Source = (long)r.Details.Source,
            OtherAgency = r.Details.OtherAgency,
            Text = r.Details.Text,
            ObserveTime = Time(r.Details.ObserveTime),
            Location = r.Details.Location,
            RiskOfSeriousHarm = r.Details.RiskOfSeriousHarm ? 1 : 0,
            RecordedBy = r.RecordedBy,
            RecorderForce = r.RecorderForce,
            RecordTime = Time(r.RecordTime),
            Assessment = r.Assessment is null ? "" : JsonSerializer.Serialize(r.Assessment),
        };

        public IntelligenceRecord ToRecord() => new(
            Id,
            NominalId,
            new IntelligenceDetails((IntelligenceSource)Source, OtherAgency, Text, ParseTime(ObserveTime), Location, RiskOfSeriousHarm != 0),
            RecordedBy,
            RecorderForce,
            ParseTime(RecordTime),
            Assessment.Length == 0 ? null : JsonSerializer.Deserialize<IntelligenceAssessmentRecord>(Assessment));
    }

    private sealed class ConcernRow
    {
        public string Id { get; set; } = "";
        public string ObserveTime { get; set; } = "";
    }

    private sealed class NonCooperationRow
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Kind { get; set; }
        public string Details { get; set; } = "";
        public string OccurTime { get; set; } = "";
        public string RecordedBy { get; set; } = "";
        public string RecordTime { get; set; } = "";

        public static NonCooperationRow From(NonCooperationRecord r) => new()
        {
            Id = r.Id,
            NominalId = r.NominalId,
            Kind = (long)r.Kind,
            Details = r.Details,
            OccurTime = Time(r.OccurTime),
            RecordedBy = r.RecordedBy,
            RecordTime = Time(r.RecordTime),
        };

        public NonCooperationRecord ToRecord() =>
            new(Id, NominalId, (NonCooperationKind)Kind, Details, ParseTime(OccurTime), RecordedBy, ParseTime(RecordTime));
    }
}
