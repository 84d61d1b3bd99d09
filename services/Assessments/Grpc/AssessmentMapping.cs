using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using Common = OffenderRisk.Contracts.Common.V1;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>Domain records to contract messages: what was stored, never recomputed.</summary>
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
            Kind = (Contract.AssessmentKind)d.Kind,
            ToolOutcome = (Common.RiskLevel)a.Outcome.ToolOutcome,
            FinalLevel = (Common.RiskLevel)a.Outcome.FinalLevel,
            GroupLevels = { d.GroupLevels.Select(g => new Contract.GroupRisk { Group = (Contract.AffectedGroup)g.Group, Level = (Common.RiskLevel)g.Level }) },
            Likelihood = d.Likelihood,
            Frequency = d.Frequency,
            Extent = d.Extent,
            StaticFactors = { d.StaticFactors.Select(f => (Contract.StaticRiskFactor)f) },
            DynamicFactors = { d.DynamicFactors.Select(f => (Contract.DynamicRiskFactor)f) },
            OverrideRationale = d.OverrideRationale,
            OverrideJustification = d.OverrideJustification,
            Overridden = a.Outcome.Overridden,
            State = (Contract.AssessmentState)a.State,
            Author = a.Author,
            CountersignedBy = a.Countersignature?.Supervisor ?? "",
            CreateTime = Timestamp.FromDateTimeOffset(a.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(a.UpdateTime),
            Etag = Etag.From(a.Version),
            Victims = new Contract.VictimConsideration
            {
                Consideration = d.Victims.Consideration,
                Victims = { d.Victims.VictimIds.Select(id => $"{NominalNames.Format(d.NominalId)}/victims/{id}") },
            },
            RiskToChildren = new Contract.RiskToChildren
            {
                Conclusion = (Contract.RiskToChildrenConclusion)d.RiskToChildren.Conclusion,
                InformationSources = { d.RiskToChildren.InformationSources },
                Rationale = d.RiskToChildren.Rationale,
            },
            Returns = { a.Returns.Select(r => new Contract.AssessmentReturn { ReturnedBy = r.ReturnedBy, ReturnTime = Timestamp.FromDateTimeOffset(r.Time), Reason = r.Reason }) },
            SupersededBy = a.SupersededBy is null ? "" : AssessmentNames.Format(a.SupersededBy),
            Current = a.Current,
            Disclosures = { a.Disclosures.Select(ToContract) },
        };
        if (a.Countersignature is not null)
        {
            contract.CountersignTime = Timestamp.FromDateTimeOffset(a.Countersignature.Time);
        }
        if (a.SubmitTime is { } submitted)
        {
            contract.SubmitTime = Timestamp.FromDateTimeOffset(submitted);
        }
        if (d.OspInputs is { } inputs)
        {
            contract.OspInputs = inputs.ToContract();
        }
        if (a.Outcome.Scores is { } scores)
        {
            contract.OspDc = scores.OspDc.ToContract();
            contract.OspIic = new Contract.OspIicScore
            {
                Band = (Common.RiskLevel)scores.OspIic.Band,
                Condition = (Contract.OspIicCondition)scores.OspIic.Condition,
                ToolVersion = scores.OspIic.ToolVersion,
            };
        }
        if (d.Arms is { } arms)
        {
            contract.Arms = new Contract.ArmsAssessment
            {
                FactorListVersion = arms.FactorListVersion ?? "",
                Ratings = { arms.Ratings.Select(r => new Contract.ArmsFactorRating { Factor = r.Factor ?? "", Rating = r.Rating ?? "", Evidence = r.Evidence ?? "" }) },
                Priority = arms.Priority ?? "",
                CaseFormulation = arms.CaseFormulation ?? "",
            };
        }
        return contract;
    }

    public static Contract.Disclosure ToContract(this Disclosure d) => new()
    {
        RecipientAgency = (Contract.RecipientAgency)d.Agency,
        RecipientName = d.RecipientName,
        Purpose = d.Purpose,
        DisclosedBy = d.DisclosedBy,
        DiscloseTime = Timestamp.FromDateTimeOffset(d.Time),
    };

    public static Contract.GetArmsFactorListResponse ToContract(this ArmsFactorList list) => new()
    {
        Version = list.Version,
        Factors = { list.Factors.Select(f => new Contract.ArmsFactor { Code = f.Code, Kind = f.Kind == ArmsFactorKind.Risk ? "risk" : "protective", Label = f.Label }) },
        Ratings = { list.Ratings.Select(r => new Contract.ArmsRatingPoint { Code = r.Code, Label = r.Label, EvidenceRequired = r.EvidenceRequired }) },
        Priorities = { list.Priorities.Select(p => p.Code) },
    };

    private static Contract.OspInputs ToContract(this OspInputs i)
    {
        var contract = new Contract.OspInputs
        {
            Gender = (Contract.Gender)i.Gender,
            ContactAdultSanctions = i.ContactAdultSanctions,
            ContactChildSanctions = i.ContactChildSanctions,
            NonContactSanctions = i.NonContactSanctions,
            IndecentImageSanctions = i.IndecentImageSanctions,
            TotalSanctions = i.TotalSanctions,
            StrangerVictim = (Contract.StrangerVictim)i.StrangerVictim,
            DateOfBirth = DateOf(i.DateOfBirth),
            FollowUpStartDate = DateOf(i.FollowUpStartDate),
            LastSexualSanctionDate = DateOf(i.LastSexualSanctionDate),
        };
        return contract;
    }

    private static Contract.OspDcScore ToContract(this OspDcScore s)
    {
        var contract = new Contract.OspDcScore
        {
            Outcome = (Contract.OspDcOutcome)s.Outcome,
            Points = s.Points,
            Band = (Common.RiskLevel)(s.Band ?? RiskLevel.Unspecified),
            Probability = s.Probability,
            ToolVersion = s.ToolVersion,
        };
        if (s.Items is { } items)
        {
            contract.Items = new Contract.OspDcItems
            {
                ContactAdultSanctions = items.ContactAdultSanctions,
                ContactChildSanctions = items.ContactChildSanctions,
                NonContactSanctions = items.NonContactSanctions,
                AgeAtFollowUpStart = items.AgeAtFollowUpStart,
                AgeAtLastSexualSanction = items.AgeAtLastSexualSanction,
                TotalSanctions = items.TotalSanctions,
                StrangerVictim = items.StrangerVictim,
            };
        }
        return contract;
    }

    private static Common.CalendarDate? DateOf(DateOnly? date) => CalendarDates.ToContract(date);
}
