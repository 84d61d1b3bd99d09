using System.Text.Json;
using Dapper;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;

namespace OffenderRisk.Assessments.Storage;

/// <summary>
/// Assessment rows. Every method runs inside the caller's transaction. What is only ever read with
/// its assessment (OSP inputs, the scores with their tool versions, ARMS ratings, lists and
/// histories) is JSON text with snake_case names and the contract's enum numbers; what storage
/// checks or queries (kind, levels, state, author, countersignature, supersession) are columns.
/// </summary>
public sealed class AssessmentStore() : RecordTable<AssessmentRecord, AssessmentStore.AssessmentRow>("assessments", TableColumns), IRecordStore<AssessmentRecord>
{
    private const string TableColumns =
        "id, force_code, nominal_id, kind, osp_inputs, osp_scores, tool_outcome, final_level, group_levels, likelihood, frequency, extent, "
        + "static_factors, dynamic_factors, override_rationale, override_justification, arms, victims, risk_to_children, author, state, "
        + "submit_time, returns, countersigned_by, countersign_time, superseded_by, disclosures, typed_tool_outcome, create_time, update_time, version";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes everything that can change if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, AssessmentRecord updated, long expectedVersion)
    {
        var changed = await session.ExecuteAsync(
            """
            UPDATE assessments SET osp_inputs = @OspInputs, osp_scores = @OspScores, tool_outcome = @ToolOutcome, final_level = @FinalLevel,
                group_levels = @GroupLevels, likelihood = @Likelihood, frequency = @Frequency, extent = @Extent,
                static_factors = @StaticFactors, dynamic_factors = @DynamicFactors, override_rationale = @OverrideRationale,
                override_justification = @OverrideJustification, arms = @Arms, victims = @Victims, risk_to_children = @RiskToChildren,
                state = @State, submit_time = @SubmitTime, returns = @Returns, countersigned_by = @CountersignedBy,
                countersign_time = @CountersignTime, superseded_by = @SupersededBy, disclosures = @Disclosures,
                typed_tool_outcome = @TypedToolOutcome, update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            Parameters(AssessmentRow.From(updated), new { ExpectedVersion = expectedVersion }));
        return changed == 1;
    }

    private static DynamicParameters Parameters(AssessmentRow row, object more)
    {
        var parameters = new DynamicParameters(row);
        parameters.AddDynamicParams(more);
        return parameters;
    }

    /// <summary>
    /// The nominal's current assessments of <paramref name="kind"/> in <paramref name="force"/>
    /// (countersigned, not superseded) other than <paramref name="exceptId"/>, latest countersigned
    /// last. By construction there is at most one.
    /// </summary>
    public Task<IReadOnlyList<AssessmentRecord>> ListCurrentAsync(Session session, string force, string nominalId, AssessmentKind kind, string exceptId) =>
        QueryAsync(session,
            $"""
            SELECT {Columns} FROM assessments
            WHERE force_code = @force AND nominal_id = @nominalId AND kind = @kind AND state = @countersigned
                AND superseded_by IS NULL AND id <> @exceptId
            ORDER BY countersign_time, id
            """,
            new { force, nominalId, kind = (long)kind, countersigned = (long)AssessmentState.Countersigned, exceptId });

    public sealed class AssessmentRow : IStoredRow<AssessmentRecord, AssessmentRow>
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Kind { get; set; }
        public string? OspInputs { get; set; }
        public string? OspScores { get; set; }
        public long ToolOutcome { get; set; }
        public long FinalLevel { get; set; }
        public string GroupLevels { get; set; } = "[]";
        public string Likelihood { get; set; } = "";
        public string Frequency { get; set; } = "";
        public string Extent { get; set; } = "";
        public string StaticFactors { get; set; } = "[]";
        public string DynamicFactors { get; set; } = "[]";
        public string OverrideRationale { get; set; } = "";
        public string OverrideJustification { get; set; } = "";
        public string? Arms { get; set; }
        public string Victims { get; set; } = "";
        public string RiskToChildren { get; set; } = "";
        public string Author { get; set; } = "";
        public long State { get; set; }
        public string? SubmitTime { get; set; }
        public string Returns { get; set; } = "[]";
        public string? CountersignedBy { get; set; }
        public string? CountersignTime { get; set; }
        public string? SupersededBy { get; set; }
        public string Disclosures { get; set; } = "[]";
        public long TypedToolOutcome { get; set; }
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static AssessmentRow From(AssessmentRecord a) => new()
        {
            Id = a.Id,
            ForceCode = a.ForceCode,
            NominalId = a.Details.NominalId,
            Kind = (long)a.Details.Kind,
            OspInputs = a.Details.OspInputs is null ? null : Write(a.Details.OspInputs),
            OspScores = a.Outcome.Scores is null ? null : Write(a.Outcome.Scores),
            ToolOutcome = (long)a.Outcome.ToolOutcome,
            FinalLevel = (long)a.Outcome.FinalLevel,
            GroupLevels = Write(a.Details.GroupLevels),
            Likelihood = a.Details.Likelihood,
            Frequency = a.Details.Frequency,
            Extent = a.Details.Extent,
            StaticFactors = Write(a.Details.StaticFactors),
            DynamicFactors = Write(a.Details.DynamicFactors),
            OverrideRationale = a.Details.OverrideRationale,
            OverrideJustification = a.Details.OverrideJustification,
            Arms = a.Details.Arms is null ? null : Write(a.Details.Arms),
            Victims = Write(a.Details.Victims),
            RiskToChildren = Write(a.Details.RiskToChildren),
            Author = a.Author,
            State = (long)a.State,
            SubmitTime = StoredTime.Format(a.SubmitTime),
            Returns = Write(a.Returns),
            CountersignedBy = a.Countersignature?.Supervisor,
            CountersignTime = StoredTime.Format(a.Countersignature?.Time),
            SupersededBy = a.SupersededBy,
            Disclosures = Write(a.Disclosures),
            TypedToolOutcome = a.TypedToolOutcome ? 1 : 0,
            CreateTime = StoredTime.Format(a.CreateTime),
            UpdateTime = StoredTime.Format(a.UpdateTime),
            Version = a.Version,
        };

        public AssessmentRecord ToRecord() => new(
            Id,
            ForceCode,
            new AssessmentDetails(
                NominalId,
                (AssessmentKind)Kind,
                OspInputs is null ? null : Read<OspInputs>(OspInputs),
                Arms is null ? null : Read<ArmsRatings>(Arms),
                Read<GroupRisk[]>(GroupLevels),
                Likelihood,
                Frequency,
                Extent,
                Read<StaticRiskFactor[]>(StaticFactors),
                Read<DynamicRiskFactor[]>(DynamicFactors),
                OverrideRationale,
                OverrideJustification,
                Read<VictimConsideration>(Victims),
                Read<RiskToChildren>(RiskToChildren)),
            new AssessmentOutcome(OspScores is null ? null : Read<ActuarialScores>(OspScores), (RiskLevel)ToolOutcome, (RiskLevel)FinalLevel),
            Author,
            (AssessmentState)State,
            StoredTime.ParseOptional(SubmitTime),
            Read<CountersignReturn[]>(Returns),
            CountersignedBy is null || CountersignTime is null ? null : new Countersignature(CountersignedBy, StoredTime.Parse(CountersignTime)),
            SupersededBy,
            Read<Disclosure[]>(Disclosures),
            TypedToolOutcome == 1,
            StoredTime.Parse(CreateTime),
            StoredTime.Parse(UpdateTime),
            Version);

        private static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

        private static T Read<T>(string json) =>
            JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is null.");
    }
}
