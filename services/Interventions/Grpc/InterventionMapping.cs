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
        Status = (Contract.InterventionStatus)i.Status,
        StartDate = i.StartDate.ToCalendarDate(),
        EndDate = i.EndDate.ToCalendarDate(),
        PlanActions = { i.Details.PlanActions },
        StatusHistory = { i.StatusHistory.Select(ToContract) },
        Breaches = { i.Breaches.Select(b => b.ToContract(i.Id)) },
    };

    public static Contract.Breach ToContract(this InterventionBreach b, string interventionId) => new()
    {
        Name = b.NameUnder(interventionId),
        OccurDate = b.OccurDate.ToCalendarDate(),
        Details = b.Details,
        ImmediateAction = b.ImmediateAction,
        RecordedBy = b.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(b.RecordTime),
    };

    private static Contract.InterventionStatusChange ToContract(InterventionStatusChange c) => new()
    {
        FromStatus = (Contract.InterventionStatus)c.From,
        ToStatus = (Contract.InterventionStatus)c.To,
        EffectiveDate = c.EffectiveDate.ToCalendarDate(),
        Reason = c.Reason,
        ChangedBy = c.ChangedBy,
        ChangeTime = Timestamp.FromDateTimeOffset(c.ChangeTime),
    };
}
