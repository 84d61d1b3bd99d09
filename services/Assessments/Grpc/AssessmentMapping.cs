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
            Kind = (Contract.AssessmentKind)d.Tool,
            ToolOutcome = (OffenderRisk.Contracts.Common.V1.RiskLevel)d.ToolOutcome,
            FinalLevel = (OffenderRisk.Contracts.Common.V1.RiskLevel)d.FinalLevel,
            GroupLevels = { d.AffectedGroups.Select(g => new Contract.GroupRisk { Group = (Contract.AffectedGroup)g, Level = (OffenderRisk.Contracts.Common.V1.RiskLevel)d.FinalLevel }) },
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
