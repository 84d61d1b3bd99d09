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
            Tool = (Contract.AssessmentTool)d.Tool,
            ToolOutcome = (Contract.RiskLevel)d.ToolOutcome,
            FinalLevel = (Contract.RiskLevel)d.FinalLevel,
            AffectedGroups = { d.AffectedGroups.Select(g => (Contract.AffectedGroup)g) },
            Likelihood = d.Likelihood,
            Frequency = d.Frequency,
            Extent = d.Extent,
            StaticFactors = { d.StaticFactors.Select(f => (Contract.StaticRiskFactor)f) },
            DynamicFactors = { d.DynamicFactors.Select(f => (Contract.DynamicRiskFactor)f) },
            OverrideRationale = d.Override?.Rationale ?? "",
            OverrideJustification = d.Override?.Justification ?? "",
            Overridden = d.Overridden,
            State = (Contract.AssessmentState)a.State,
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
