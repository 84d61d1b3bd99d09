using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Assessments.Domain;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>Domain records to contract messages.</summary>
internal static class AssessmentMapping
{
    public static Contract.Assessment ToContract(this AssessmentRecord a)
    {
        var d = a.Details;
        var contract = new Contract.Assessment
        {
            Name = a.ResourceName,
            Nominal = NominalNames.Format(d.NominalId),
            ForceCode = a.ForceCode,
            Tool = d.Tool,
            ToolOutcome = d.ToolOutcome,
            FinalLevel = d.FinalLevel,
            AffectedGroups = { d.AffectedGroups },
            Likelihood = d.Likelihood,
            Frequency = d.Frequency,
            Extent = d.Extent,
            StaticFactors = { d.StaticFactors },
            DynamicFactors = { d.DynamicFactors },
            OverrideRationale = d.Override?.Rationale ?? "",
            OverrideJustification = d.Override?.Justification ?? "",
            Overridden = d.Overridden,
            State = a.State,
            Author = a.Author,
            CountersignedBy = a.Countersignature?.Supervisor ?? "",
            CreateTime = Timestamp.FromDateTimeOffset(a.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(a.UpdateTime),
            Etag = Etag.From(a.Version),
        };
        if (a.Countersignature is not null)
        {
            contract.CountersignTime = Timestamp.FromDateTimeOffset(a.Countersignature.Time);
        }
        return contract;
    }
}
