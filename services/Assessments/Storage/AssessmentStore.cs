using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Storage;

/// <summary>Assessment rows. Every method runs inside the caller's transaction.</summary>
public sealed class AssessmentStore
{
    private const string Columns =
        "id, force_code, nominal_id, tool, tool_outcome, final_level, affected_groups, likelihood, frequency, extent, "
        + "static_factors, dynamic_factors, override_rationale, override_justification, author, state, countersigned_by, "
        + "countersign_time, create_time, update_time, version";

    public Task InsertAsync(DbConnection c, DbTransaction tx, AssessmentRecord a, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO assessments ({Columns})
            VALUES (@Id, @ForceCode, @NominalId, @Tool, @ToolOutcome, @FinalLevel, @AffectedGroups, @Likelihood, @Frequency, @Extent,
                    @StaticFactors, @DynamicFactors, @OverrideRationale, @OverrideJustification, @Author, @State, @CountersignedBy,
                    @CountersignTime, @CreateTime, @UpdateTime, @Version)
            """, AssessmentRow.From(a), tx, cancellationToken: ct));

    public async Task<AssessmentRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<AssessmentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM assessments WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>A nominal's assessments in one force, newest first, after the given id (keyset pagination).</summary>
    public async Task<IReadOnlyList<AssessmentRecord>> ListForNominalAsync(
        DbConnection c, DbTransaction tx, string force, string nominalId, string? beforeId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<AssessmentRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM assessments
            WHERE force_code = @force AND nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, beforeId, limit }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the countersignature if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateCountersignatureAsync(DbConnection c, DbTransaction tx, AssessmentRecord a, long expectedVersion, CancellationToken ct)
    {
        var row = AssessmentRow.From(a);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE assessments SET state = @State, countersigned_by = @CountersignedBy, countersign_time = @CountersignTime,
                update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new { row.Id, row.State, row.CountersignedBy, row.CountersignTime, row.UpdateTime, row.Version, ExpectedVersion = expectedVersion },
            tx, cancellationToken: ct));
        return changed == 1;
    }

    private sealed class AssessmentRow
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
                (AssessmentTool)Tool,
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
