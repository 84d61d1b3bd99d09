using System.Globalization;
using System.Text.Json;
using OffenderRisk.Assessments.Domain;

namespace OffenderRisk.Assessments.Storage;

/// <summary>Assessment rows. Every method runs inside the caller's transaction.</summary>
public sealed class AssessmentStore() : RecordTable<AssessmentRecord, AssessmentStore.AssessmentRow>("assessments", TableColumns), IRecordStore<AssessmentRecord>
{
    private const string TableColumns =
        "id, force_code, nominal_id, tool, tool_outcome, final_level, affected_groups, likelihood, frequency, extent, "
        + "static_factors, dynamic_factors, override_rationale, override_justification, author, state, countersigned_by, "
        + "countersign_time, create_time, update_time, version";

    /// <summary>Writes what can change (state and countersignature) if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, AssessmentRecord updated, long expectedVersion)
    {
        var row = AssessmentRow.From(updated);
        var changed = await session.ExecuteAsync(
            """
            UPDATE assessments SET state = @State, countersigned_by = @CountersignedBy, countersign_time = @CountersignTime,
                update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new { row.Id, row.State, row.CountersignedBy, row.CountersignTime, row.UpdateTime, row.Version, ExpectedVersion = expectedVersion });
        return changed == 1;
    }

    public sealed class AssessmentRow : IStoredRow<AssessmentRecord, AssessmentRow>
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Tool { get; set; }
        public long ToolOutcome { get; set; }
        public long FinalLevel { get; set; }
        public string AffectedGroups { get; set; } = "[]";
        public string Likelihood { get; set; } = "";
        public string Frequency { get; set; } = "";
        public string Extent { get; set; } = "";
        public string StaticFactors { get; set; } = "[]";
        public string DynamicFactors { get; set; } = "[]";
        public string OverrideRationale { get; set; } = "";
        public string OverrideJustification { get; set; } = "";
        public string Author { get; set; } = "";
        public long State { get; set; }
        public string? CountersignedBy { get; set; }
        public string? CountersignTime { get; set; }
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static AssessmentRow From(AssessmentRecord a) => new()
        {
            Id = a.Id,
            ForceCode = a.ForceCode,
            NominalId = a.Details.NominalId,
            Tool = (long)a.Details.Tool,
            ToolOutcome = (long)a.Details.ToolOutcome,
            FinalLevel = (long)a.Details.FinalLevel,
            AffectedGroups = JsonSerializer.Serialize(a.Details.AffectedGroups),
            Likelihood = a.Details.Likelihood,
            Frequency = a.Details.Frequency,
            Extent = a.Details.Extent,
            StaticFactors = JsonSerializer.Serialize(a.Details.StaticFactors),
            DynamicFactors = JsonSerializer.Serialize(a.Details.DynamicFactors),
            OverrideRationale = a.Details.Override?.Rationale ?? "",
            OverrideJustification = a.Details.Override?.Justification ?? "",
            Author = a.Author,
            State = (long)a.State,
            CountersignedBy = a.Countersignature?.Supervisor,
            CountersignTime = a.Countersignature?.Time.ToString("O", CultureInfo.InvariantCulture),
            CreateTime = a.CreateTime.ToString("O", CultureInfo.InvariantCulture),
            UpdateTime = a.UpdateTime.ToString("O", CultureInfo.InvariantCulture),
            Version = a.Version,
        };

        public AssessmentRecord ToRecord() => new(
            Id,
            ForceCode,
            new AssessmentDetails(
                NominalId,
                (AssessmentKind)Tool,
                (RiskLevel)ToolOutcome,
                (RiskLevel)FinalLevel,
                JsonSerializer.Deserialize<AffectedGroup[]>(AffectedGroups) ?? [],
                Likelihood,
                Frequency,
                Extent,
                JsonSerializer.Deserialize<StaticRiskFactor[]>(StaticFactors) ?? [],
                JsonSerializer.Deserialize<DynamicRiskFactor[]>(DynamicFactors) ?? [],
                ToolOutcome == FinalLevel ? null : new ProfessionalOverride(OverrideRationale, OverrideJustification)),
            Author,
            (AssessmentState)State,
            CountersignedBy is null || CountersignTime is null
                ? null
                : new Countersignature(CountersignedBy, DateTimeOffset.Parse(CountersignTime, CultureInfo.InvariantCulture)),
            DateTimeOffset.Parse(CreateTime, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(UpdateTime, CultureInfo.InvariantCulture),
            Version);
    }
}
