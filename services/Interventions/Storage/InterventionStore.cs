using System.Text.Json;
using OffenderRisk.Interventions.Domain;

namespace OffenderRisk.Interventions.Storage;

/// <summary>Intervention rows. Every method runs inside the caller's transaction.</summary>
public sealed class InterventionStore() : RecordTable<InterventionRecord, InterventionStore.InterventionRow>("interventions", TableColumns)
{
    private const string TableColumns =
        "id, force_code, nominal_id, kind, intervention_type, description, objective, enforcement, suitability, "
        + "lawfulness_and_proportionality, echr_articles_considered, negative_consequences, author, create_time, update_time, version";

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
                    NegativeConsequences)),
            Author,
            StoredTime.Parse(CreateTime),
            StoredTime.Parse(UpdateTime),
            Version);
    }
}
