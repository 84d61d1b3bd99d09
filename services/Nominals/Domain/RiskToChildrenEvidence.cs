namespace OffenderRisk.Nominals.Domain;

/// <summary>R-AS10: a risk-to-children conclusion must say what information it rests on.</summary>
public static class RiskToChildrenEvidence
{
    public const string RuleId = "R-AS10";

    public static void Check(IReadOnlyList<string> informationSources)
    {
        if (informationSources.Count == 0 || informationSources.All(string.IsNullOrWhiteSpace))
        {
            throw new RuleViolationException(RuleId, "risk_to_children.information_sources",
                "a risk-to-children conclusion must record the information it rests on");
        }
    }
}
