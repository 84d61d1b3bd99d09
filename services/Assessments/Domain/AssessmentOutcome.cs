using OffenderRisk.Assessments.Domain.Tools;

namespace OffenderRisk.Assessments.Domain;

/// <summary>Both OSP scores, each with the tool version it was computed with (R-AS2).</summary>
public sealed record ActuarialScores(OspDcScore OspDc, OspIicScore OspIic)
{
    /// <summary>Both tools on the same inputs (INVALID_ARGUMENT or an R-AS2 refusal naming fields under <paramref name="prefix"/>).</summary>
    public static ActuarialScores Compute(OspInputs inputs, string prefix) =>
        new(OspDirectContact.Score(inputs, prefix), OspIndirectContact.Score(inputs, prefix));

    /// <summary>R-AS2: the higher of the OSP/DC band, when it has one, and the OSP/IIC band.</summary>
    public RiskLevel ToolOutcome => OspDc.Band is { } band && band > OspIic.Band ? band : OspIic.Band;
}

/// <summary>
/// What the service concludes from what the author wrote: the actuarial scores (none without OSP
/// inputs), the tool outcome computed from them (R-AS2; <see cref="RiskLevel.Unspecified"/> when
/// there are none and the level stands on professional judgement alone), and the overall level,
/// the highest of the group levels (R-AS1). An overall level that departs from the tool outcome is
/// an override (R-AS3), which needs its reasons; both levels are kept.
/// </summary>
public sealed record AssessmentOutcome(ActuarialScores? Scores, RiskLevel ToolOutcome, RiskLevel FinalLevel)
{
    /// <summary>R-AS3: the overall level departs from a computed tool outcome.</summary>
    public bool Overridden => ToolOutcome != RiskLevel.Unspecified && FinalLevel != ToolOutcome;

    /// <summary>
    /// The outcome of <paramref name="details"/> (whose shape is already valid): scores computed,
    /// then R-AS3 applied to the author's override reasons. Fields are named under <paramref name="prefix"/>.
    /// </summary>
    public static AssessmentOutcome Of(AssessmentDetails details, string prefix)
    {
        var scores = details.OspInputs is null ? null : ActuarialScores.Compute(details.OspInputs, $"{prefix}.osp_inputs");
        var outcome = new AssessmentOutcome(scores, scores?.ToolOutcome ?? RiskLevel.Unspecified, OverallLevel(details.GroupLevels));
        ProfessionalOverride.Check(outcome.ToolOutcome, outcome.FinalLevel, details.OverrideRationale, details.OverrideJustification, prefix);
        return outcome;
    }

    /// <summary>R-AS1: the overall level is the highest level of any group who may be harmed.</summary>
    public static RiskLevel OverallLevel(IReadOnlyList<GroupRisk> groupLevels) =>
        groupLevels.Count == 0 ? RiskLevel.Unspecified : groupLevels.Max(g => g.Level);
}
