using System.Text.Json;
using Dapper;
using OffenderRisk.Interventions.Domain;

namespace OffenderRisk.Interventions.Storage;

/// <summary>
/// Intervention rows. Every method runs inside the caller's transaction. What is only ever read
/// with its intervention (the ECHR articles, plan actions, status history and breaches) is JSON
/// text with snake_case names and the contract's enum numbers; the status and its dates are
/// columns.
/// </summary>
public sealed class InterventionStore()
    : RecordTable<InterventionRecord, InterventionStore.InterventionRow>("interventions", TableColumns), IRecordStore<InterventionRecord>
{
    private const string TableColumns =
        "id, force_code, nominal_id, kind, intervention_type, description, objective, enforcement, suitability, "
        + "lawfulness_and_proportionality, echr_articles_considered, negative_consequences, author, create_time, update_time, version, "
        + "status, start_date, end_date, plan_actions, status_history, breaches";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes everything that can change if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, InterventionRecord updated, long expectedVersion)
    {
        var parameters = new DynamicParameters(InterventionRow.From(updated));
        parameters.Add("ExpectedVersion", expectedVersion);
        var changed = await session.ExecuteAsync(
            """
            UPDATE interventions SET description = @Description, objective = @Objective, enforcement = @Enforcement,
                suitability = @Suitability, lawfulness_and_proportionality = @LawfulnessAndProportionality,
                echr_articles_considered = @EchrArticlesConsidered, negative_consequences = @NegativeConsequences,
                status = @Status, start_date = @StartDate, end_date = @EndDate, plan_actions = @PlanActions,
                status_history = @StatusHistory, breaches = @Breaches, update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """, parameters);
        return changed == 1;
    }

    public sealed class InterventionRow : IStoredRow<InterventionRecord, InterventionRow>
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Kind { get; set; }
        public long InterventionType { get; set; }
        public string Description { get; set; } = "";
        public string Objective { get; set; } = "";
        public string Enforcement { get; set; } = "";
        public string Suitability { get; set; } = "";
        public string LawfulnessAndProportionality { get; set; } = "";
        public string EchrArticlesConsidered { get; set; } = "[]";
        public string NegativeConsequences { get; set; } = "";
        public string Author { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }
        public long Status { get; set; } = (long)InterventionStatus.Planned;
        public string StartDate { get; set; } = "";
        public string EndDate { get; set; } = "";
        public string PlanActions { get; set; } = "[]";
        public string StatusHistory { get; set; } = "[]";
        public string Breaches { get; set; } = "[]";

        public static InterventionRow From(InterventionRecord i) => new()
        {
            Id = i.Id,
            ForceCode = i.ForceCode,
            NominalId = i.Details.NominalId,
            Kind = (long)i.Details.Kind,
            InterventionType = (long)i.Details.Type,
            Description = i.Details.Description,
            Objective = i.Details.Analysis.Objective,
            Enforcement = i.Details.Analysis.Enforcement,
            Suitability = i.Details.Analysis.Suitability,
            LawfulnessAndProportionality = i.Details.Analysis.LawfulnessAndProportionality,
            EchrArticlesConsidered = JsonSerializer.Serialize(i.Details.Analysis.EchrArticlesConsidered),
            NegativeConsequences = i.Details.Analysis.NegativeConsequences,
            Author = i.Author,
            CreateTime = StoredTime.Format(i.CreateTime),
            UpdateTime = StoredTime.Format(i.UpdateTime),
            Version = i.Version,
            Status = (long)i.Status,
            StartDate = i.StartDate is { } start ? StoredTime.FormatDate(start) : "",
            EndDate = i.EndDate is { } end ? StoredTime.FormatDate(end) : "",
            PlanActions = JsonSerializer.Serialize(i.Details.PlanActions),
            StatusHistory = JsonSerializer.Serialize(i.StatusHistory, Json),
            Breaches = JsonSerializer.Serialize(i.Breaches, Json),
        };

        public InterventionRecord ToRecord() => new(
            Id,
            ForceCode,
            new InterventionDetails(
                NominalId,
                (InterventionKind)Kind,
                (InterventionType)InterventionType,
                Description,
                new SystematicAnalysis(
                    Objective,
                    Enforcement,
                    Suitability,
                    LawfulnessAndProportionality,
                    JsonSerializer.Deserialize<EchrArticle[]>(EchrArticlesConsidered) ?? [],
                    NegativeConsequences))
            {
                PlanActions = JsonSerializer.Deserialize<string[]>(PlanActions) ?? [],
            },
            Author,
            StoredTime.Parse(CreateTime),
            StoredTime.Parse(UpdateTime),
            Version)
        {
            Status = (InterventionStatus)Status,
            StartDate = StartDate.Length == 0 ? null : StoredTime.ParseDate(StartDate),
            EndDate = EndDate.Length == 0 ? null : StoredTime.ParseDate(EndDate),
            StatusHistory = JsonSerializer.Deserialize<InterventionStatusChange[]>(StatusHistory, Json) ?? [],
            Breaches = JsonSerializer.Deserialize<InterventionBreach[]>(Breaches, Json) ?? [],
        };
    }
}
