using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Interventions.Domain;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>Domain records to contract messages.</summary>
internal static class InterventionMapping
{
    public static Contract.Intervention ToContract(this InterventionRecord i) => new()
    {
        Name = i.ResourceName,
        Nominal = NominalNames.Format(i.Details.NominalId),
        ForceCode = i.ForceCode,
        Kind = (Contract.InterventionKind)i.Details.Kind,
        Type = (Contract.InterventionType)i.Details.Type,
        Description = i.Details.Description,
        Objective = i.Details.Analysis.Objective,
        Enforcement = i.Details.Analysis.Enforcement,
        Suitability = i.Details.Analysis.Suitability,
        LawfulnessAndProportionality = i.Details.Analysis.LawfulnessAndProportionality,
        EchrArticlesConsidered = { i.Details.Analysis.EchrArticlesConsidered.Select(a => (Contract.EchrArticle)a) },
        NegativeConsequences = i.Details.Analysis.NegativeConsequences,
        Author = i.Author,
        CreateTime = Timestamp.FromDateTimeOffset(i.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(i.UpdateTime),
        Etag = Etag.From(i.Version),
    };
}
