using System.Text.Json;
using Dapper;
using OffenderRisk.Interventions.Domain;

namespace OffenderRisk.Interventions.Storage;

/// <summary>
/// Plan version rows. Every method runs inside the caller's transaction. Objectives, actions (with
/// their completions) and returns are JSON text with snake_case names and the contract's enum
/// numbers; what storage checks or queries are columns.
/// </summary>
public sealed class PlanStore() : RecordTable<PlanRecord, PlanStore.PlanRow>("plans", TableColumns), IRecordStore<PlanRecord>
{
    private const string TableColumns =
        "id, force_code, nominal_id, kind, plan_version, revises, state, summary, objectives, actions, victim_safety, victims_identified, "
        + "review_date, author, submit_time, returns, countersigned_by, countersign_time, superseded_by, create_time, update_time, version";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes everything that can change if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, PlanRecord updated, long expectedVersion)
    {
        var parameters = new DynamicParameters(PlanRow.From(updated));
        parameters.Add("ExpectedVersion", expectedVersion);
        var changed = await session.ExecuteAsync(
            """
            UPDATE plans SET state = @State, summary = @Summary, objectives = @Objectives, actions = @Actions, victim_safety = @VictimSafety,
                victims_identified = @VictimsIdentified, review_date = @ReviewDate, submit_time = @SubmitTime, returns = @Returns,
                countersigned_by = @CountersignedBy, countersign_time = @CountersignTime, superseded_by = @SupersededBy,
                update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            parameters);
        return changed == 1;
    }

    /// <summary>The nominal's versions of <paramref name="kind"/> in <paramref name="force"/>, highest number first.</summary>
    public Task<IReadOnlyList<PlanRecord>> ListOfKindAsync(Session session, string force, string nominalId, PlanKind kind) =>
        QueryAsync(session,
            $"SELECT {Columns} FROM plans WHERE force_code = @force AND nominal_id = @nominalId AND kind = @kind ORDER BY plan_version DESC",
            new { force, nominalId, kind = (long)kind });

    /// <summary>
    /// The nominal's current versions of <paramref name="kind"/> in <paramref name="force"/>
    /// (countersigned, not superseded) other than <paramref name="exceptId"/>. By construction there is at most one.
    /// </summary>
    public Task<IReadOnlyList<PlanRecord>> ListCurrentAsync(Session session, string force, string nominalId, PlanKind kind, string? exceptId = null) =>
        QueryAsync(session,
            $"""
            SELECT {Columns} FROM plans
            WHERE force_code = @force AND nominal_id = @nominalId AND kind = @kind AND state = @countersigned
                AND superseded_by IS NULL AND (@exceptId IS NULL OR id <> @exceptId)
            ORDER BY countersign_time, id
            """,
            new { force, nominalId, kind = (long)kind, countersigned = (long)PlanState.Countersigned, exceptId });

    /// <summary>A nominal's versions in one force, newest first, optionally of one kind, before <paramref name="beforeId"/> (keyset pagination).</summary>
    public Task<IReadOnlyList<PlanRecord>> ListForNominalAsync(Session session, string force, string nominalId, PlanKind kind, string? beforeId, int limit) =>
        QueryAsync(session,
            $"""
            SELECT {Columns} FROM plans
            WHERE force_code = @force AND nominal_id = @nominalId AND (@kind = 0 OR kind = @kind) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, kind = (long)kind, beforeId, limit });

    public sealed class PlanRow : IStoredRow<PlanRecord, PlanRow>
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Kind { get; set; }
        public long PlanVersion { get; set; }
        public string? Revises { get; set; }
        public long State { get; set; }
        public string Summary { get; set; } = "";
        public string Objectives { get; set; } = "[]";
        public string Actions { get; set; } = "[]";
        public string VictimSafety { get; set; } = "";
        public long VictimsIdentified { get; set; }
        public string? ReviewDate { get; set; }
        public string Author { get; set; } = "";
        public string? SubmitTime { get; set; }
        public string Returns { get; set; } = "[]";
        public string? CountersignedBy { get; set; }
        public string? CountersignTime { get; set; }
        public string? SupersededBy { get; set; }
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static PlanRow From(PlanRecord p) => new()
        {
            Id = p.Id,
            ForceCode = p.ForceCode,
            NominalId = p.NominalId,
            Kind = (long)p.Kind,
            PlanVersion = p.Number,
            Revises = p.Revises,
            State = (long)p.State,
            Summary = p.Content.Summary,
            Objectives = Write(p.Content.Objectives),
            Actions = Write(p.Content.Actions),
            VictimSafety = p.Content.VictimSafety,
            VictimsIdentified = p.Content.VictimsIdentified ? 1 : 0,
            ReviewDate = p.Content.ReviewDate is { } review ? StoredTime.FormatDate(review) : null,
            Author = p.Author,
            SubmitTime = StoredTime.Format(p.SubmitTime),
            Returns = Write(p.Returns),
            CountersignedBy = p.Countersignature?.Supervisor,
            CountersignTime = StoredTime.Format(p.Countersignature?.Time),
            SupersededBy = p.SupersededBy,
            CreateTime = StoredTime.Format(p.CreateTime),
            UpdateTime = StoredTime.Format(p.UpdateTime),
            Version = p.Version,
        };

        public PlanRecord ToRecord() => new(
            Id,
            ForceCode,
            NominalId,
            (PlanKind)Kind,
            checked((int)PlanVersion),
            Revises,
            (PlanState)State,
            new PlanContent(
                Summary,
                Read<PlanObjective[]>(Objectives),
                Read<PlanAction[]>(Actions),
                VictimSafety,
                VictimsIdentified == 1,
                ReviewDate is null ? null : StoredTime.ParseDate(ReviewDate)),
            Author,
            StoredTime.ParseOptional(SubmitTime),
            Read<CountersignReturn[]>(Returns),
            CountersignedBy is null || CountersignTime is null ? null : new Countersignature(CountersignedBy, StoredTime.Parse(CountersignTime)),
            SupersededBy,
            StoredTime.Parse(CreateTime),
            StoredTime.Parse(UpdateTime),
            Version);

        private static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

        private static T Read<T>(string json) =>
            JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is null.");
    }
}
