using Google.Protobuf.Collections;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Contracts.Common.V1;
using Contract = OffenderRisk.Contracts.Assessments.V1;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Turns an assessment as sent by a caller into validated details and their computed outcome,
/// naming every bad field by its path in the request (for example
/// <c>assessment.osp_inputs.total_sanctions</c>, <c>assessment.arms.ratings[3].rating</c>); all
/// problems at once, INVALID_ARGUMENT. Then the scores are computed and R-AS3 applied. Nothing is
/// written on failure.
/// </summary>
public static class AssessmentValidation
{
    /// <summary>R-AS1: every assessment records likelihood, frequency, who may be affected and extent.</summary>
    private const string WhatIsAssessed = "R-AS1";
    private const string ToolsRule = "R-AS2";
    private const string FactorsRule = "R-AS4";
    private const string VictimsRule = "R-VI1";
    private const string ChildrenRule = "R-AS10";

    public const int MaxVictims = 50;
    public const int MaxInformationSources = 20;
    public const int MaxInformationSourceLength = 200;

    /// <summary>The four groups each assessment gives a level for (R-AS1).</summary>
    private static readonly Domain.AffectedGroup[] Groups =
        [Domain.AffectedGroup.Children, Domain.AffectedGroup.KnownAdults, Domain.AffectedGroup.Public, Domain.AffectedGroup.Staff];

    /// <summary>The validated details and the outcome computed from them (R-AS2, R-AS3 refusals are FAILED_PRECONDITION).</summary>
    public static (AssessmentDetails Details, AssessmentOutcome Outcome) Assess(Contract.Assessment assessment, string prefix)
    {
        var details = Validate(assessment, prefix);
        return (details, AssessmentOutcome.Of(details, prefix));
    }

    /// <summary>The author's fields, validated; INVALID_ARGUMENT naming every problem.</summary>
    public static AssessmentDetails Validate(Contract.Assessment assessment, string prefix)
    {
        string F(string field) => $"{prefix}.{field}";
        var v = new Validator();

        var nominalId = NominalNames.Check(v, assessment.Nominal, F("nominal"));
        v.DefinedEnum(F("kind"), assessment.Kind, rule: ToolsRule);

        // R-AS2: an ARMS rests on OSP inputs and ARMS ratings; a risk of serious harm assessment has no ARMS.
        var ospInputs = assessment.OspInputs is null ? null : OspInputsOf(v, assessment.OspInputs, F("osp_inputs"));
        var arms = assessment.Arms is null ? null : ArmsOf(assessment.Arms);
        if (assessment.Kind == Contract.AssessmentKind.Arms)
        {
            v.Check(ospInputs is not null, F("osp_inputs"), "is required for an ARMS", ToolsRule);
            v.Check(arms is not null, F("arms"), "is required for an ARMS", ToolsRule);
        }
        else if (assessment.Kind == Contract.AssessmentKind.RiskOfSeriousHarm)
        {
            v.Check(arms is null, F("arms"), "must be unset: only an ARMS has ARMS ratings", ToolsRule);
        }
        arms?.Check(v, F("arms"));

        // R-AS1: likelihood, frequency, extent, and a level for each group who may be harmed.
        var groupLevels = GroupLevelsOf(v, assessment.GroupLevels, F("group_levels"));
        v.Required(F("likelihood"), assessment.Likelihood, WhatIsAssessed).MaxLength(F("likelihood"), assessment.Likelihood)
         .Required(F("frequency"), assessment.Frequency, WhatIsAssessed).MaxLength(F("frequency"), assessment.Frequency)
         .Required(F("extent"), assessment.Extent, WhatIsAssessed).MaxLength(F("extent"), assessment.Extent);

        // R-AS4: factors are structured, from the APP's lists.
        EnumList(v, F("static_factors"), assessment.StaticFactors);
        EnumList(v, F("dynamic_factors"), assessment.DynamicFactors);

        v.MaxLength(F("override_rationale"), assessment.OverrideRationale)
         .MaxLength(F("override_justification"), assessment.OverrideJustification);

        var victims = VictimsOf(v, assessment.Victims, nominalId, F("victims"));
        var riskToChildren = RiskToChildrenOf(v, assessment.RiskToChildren, F("risk_to_children"));
        v.ThrowIfInvalid();

        return new AssessmentDetails(
            nominalId!,
            (Domain.AssessmentKind)assessment.Kind,
            ospInputs,
            arms,
            groupLevels,
            assessment.Likelihood,
            assessment.Frequency,
            assessment.Extent,
            assessment.StaticFactors.Select(f => (Domain.StaticRiskFactor)f).ToArray(),
            assessment.DynamicFactors.Select(f => (Domain.DynamicRiskFactor)f).ToArray(),
            assessment.OverrideRationale,
            assessment.OverrideJustification,
            victims,
            riskToChildren);
    }

    /// <summary>A calendar date, or null (with a problem recorded) when absent or impossible.</summary>
    public static DateOnly? DateOf(Validator v, CalendarDate? date, string field, string? rule = null) => CalendarDates.Read(v, date, field, rule);

    /// <summary>The OSP inputs as the tools take them, checked by the tools' own rules (OspInputs.Check).</summary>
    private static OspInputs OspInputsOf(Validator v, Contract.OspInputs sent, string prefix)
    {
        var before = v.Problems.Count;
        var inputs = new OspInputs(
            DateOf(v, sent.DateOfBirth, $"{prefix}.{OspInputs.DateOfBirthField}", ToolsRule),
            (Gender)sent.Gender,
            DateOf(v, sent.FollowUpStartDate, $"{prefix}.{OspInputs.FollowUpStartDateField}", ToolsRule),
            sent.ContactAdultSanctions,
            sent.ContactChildSanctions,
            sent.NonContactSanctions,
            sent.IndecentImageSanctions,
            sent.TotalSanctions,
            DateOf(v, sent.LastSexualSanctionDate, $"{prefix}.{OspInputs.LastSexualSanctionDateField}", ToolsRule),
            (StrangerVictim)sent.StrangerVictim);
        // An impossible date was reported as such; "is required" on top of it would only confuse.
        if (v.Problems.Count == before)
        {
            inputs.Check(v, prefix);
        }
        return inputs;
    }

    private static ArmsRatings ArmsOf(Contract.ArmsAssessment sent) =>
        new(sent.FactorListVersion,
            sent.Ratings.Take(ArmsRatings.MaxRatings + 1).Select(r => new ArmsFactorRating(r.Factor, r.Rating, r.Evidence)).ToArray(),
            sent.Priority,
            sent.CaseFormulation);

    /// <summary>R-AS1: each of the four groups exactly once, each with a level.</summary>
    private static GroupRisk[] GroupLevelsOf(Validator v, RepeatedField<Contract.GroupRisk> sent, string field)
    {
        if (sent.Count > Groups.Length)
        {
            v.Add(field, $"must have exactly {Groups.Length} entries, one for each group", WhatIsAssessed);
            return [];
        }
        var seen = new HashSet<Contract.AffectedGroup>();
        for (var i = 0; i < sent.Count; i++)
        {
            v.DefinedEnum($"{field}[{i}].group", sent[i].Group, rule: WhatIsAssessed)
             .DefinedEnum($"{field}[{i}].level", sent[i].Level, rule: WhatIsAssessed);
            v.Check(sent[i].Group == Contract.AffectedGroup.Unspecified || seen.Add(sent[i].Group), $"{field}[{i}].group", "names a group already given a level", WhatIsAssessed);
        }
        foreach (var missing in Groups.Where(g => !seen.Contains((Contract.AffectedGroup)g)))
        {
            v.Add(field, $"must give a level for {ProtoEnums.OriginalName((Contract.AffectedGroup)missing)}", WhatIsAssessed);
        }
        return sent.Select(g => new GroupRisk((Domain.AffectedGroup)g.Group, (Domain.RiskLevel)g.Level)).ToArray();
    }

    /// <summary>R-VI1: how victims were considered, and which of this nominal's victims.</summary>
    private static VictimConsideration VictimsOf(Validator v, Contract.VictimConsideration? sent, string? nominalId, string prefix)
    {
        if (sent is null)
        {
            v.Add(prefix, "is required: record how victims were considered", VictimsRule);
            return new VictimConsideration("", []);
        }
        v.Required($"{prefix}.consideration", sent.Consideration, VictimsRule).MaxLength($"{prefix}.consideration", sent.Consideration);
        if (sent.Victims.Count > MaxVictims)
        {
            v.Add($"{prefix}.victims", $"must have at most {MaxVictims} entries", VictimsRule);
            return new VictimConsideration(sent.Consideration, []);
        }
        var ids = new List<string>();
        for (var i = 0; i < sent.Victims.Count; i++)
        {
            var parsed = ResourceNames.TryParseNested(NominalNames.Collection, "victims", sent.Victims[i]);
            if (parsed is not { } names || (nominalId is not null && names.ParentId != nominalId))
            {
                v.Add($"{prefix}.victims[{i}]", "must name a victim of this assessment's nominal, nominals/{nominal}/victims/{uuid}", VictimsRule);
            }
            else if (ids.Contains(names.ChildId))
            {
                v.Add($"{prefix}.victims[{i}]", "names a victim already listed", VictimsRule);
            }
            else
            {
                ids.Add(names.ChildId);
            }
        }
        return new VictimConsideration(sent.Consideration, ids);
    }

    /// <summary>R-AS10: the conclusion, the information it rests on (one to twenty sources) and why.</summary>
    private static RiskToChildren RiskToChildrenOf(Validator v, Contract.RiskToChildren? sent, string prefix)
    {
        if (sent is null)
        {
            v.Add(prefix, "is required: record the risk-to-children conclusion and what it rests on", ChildrenRule);
            return new RiskToChildren(Domain.RiskToChildrenConclusion.Unspecified, [], "");
        }
        v.DefinedEnum($"{prefix}.conclusion", sent.Conclusion, rule: ChildrenRule);
        v.Required($"{prefix}.rationale", sent.Rationale, ChildrenRule).MaxLength($"{prefix}.rationale", sent.Rationale);
        var sources = $"{prefix}.information_sources";
        v.Check(sent.InformationSources.Count > 0, sources, "must name at least one source the conclusion rests on", ChildrenRule);
        if (sent.InformationSources.Count > MaxInformationSources)
        {
            v.Add(sources, $"must have at most {MaxInformationSources} entries", ChildrenRule);
            return new RiskToChildren((Domain.RiskToChildrenConclusion)sent.Conclusion, [], sent.Rationale);
        }
        for (var i = 0; i < sent.InformationSources.Count; i++)
        {
            v.Required($"{sources}[{i}]", sent.InformationSources[i], ChildrenRule)
             .MaxLength($"{sources}[{i}]", sent.InformationSources[i], MaxInformationSourceLength);
        }
        return new RiskToChildren((Domain.RiskToChildrenConclusion)sent.Conclusion, sent.InformationSources.ToArray(), sent.Rationale);
    }

    /// <summary>Every entry a named, non-zero value, and none twice.</summary>
    private static void EnumList<TEnum>(Validator v, string field, RepeatedField<TEnum> values) where TEnum : struct, Enum
    {
        var max = Enum.GetValues<TEnum>().Length - 1;
        if (values.Count > max)
        {
            v.Add(field, $"must have at most {max} entries", FactorsRule);
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            v.DefinedEnum($"{field}[{i}]", values[i], rule: FactorsRule);
        }
        v.Check(values.Distinct().Count() == values.Count, field, "must not name the same value twice", FactorsRule);
    }
}
