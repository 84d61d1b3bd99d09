namespace OffenderRisk.Assessments.Domain.Tools;

/// <summary>An OSP/IIC result: the band, the hierarchy row that gave it, and the tool version stored beside it.</summary>
public sealed record OspIicScore(RiskLevel Band, OspIicCondition Condition, string ToolVersion);

/// <summary>
/// R-AS2: OSP/IIC, images and indirect contact, computed exactly as TOOLS.md's hierarchy gives
/// it: the first row that matches wins. TOOLS.md sets no eligibility for it, so every person with
/// valid inputs gets a band.
/// </summary>
public static class OspIndirectContact
{
    public const string ToolVersion = "OSP/IIC TOOLS.md-v1";

    /// <summary>The band for <paramref name="inputs"/>, validated first (INVALID_ARGUMENT naming the fields under <paramref name="prefix"/>).</summary>
    public static OspIicScore Score(OspInputs inputs, string prefix)
    {
        inputs.Validate(prefix);
        var (band, condition) = inputs switch
        {
            { IndecentImageSanctions: >= 2 } => (RiskLevel.VeryHigh, OspIicCondition.TwoOrMoreIndecentImageSanctions),
            { IndecentImageSanctions: 1 } => (RiskLevel.High, OspIicCondition.OneIndecentImageSanction),
            { ContactChildSanctions: >= 2 } => (RiskLevel.Medium, OspIicCondition.TwoOrMoreContactChildSanctions),
            { ContactChildSanctions: 1 } => (RiskLevel.Low, OspIicCondition.OneContactChildSanction),
            { SexualSanctions: 0 } => (RiskLevel.Low, OspIicCondition.NoSexualSanctions),
            _ => (RiskLevel.Low, OspIicCondition.AnythingElse),
        };
        return new OspIicScore(band, condition, ToolVersion);
    }
}
