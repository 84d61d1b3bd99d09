namespace OffenderRisk.Nominals.Domain;

/// <summary>R-AS10: a risk-to-children conclusion must say what information it rests on.</summary>
public static class RiskToChildrenEvidence
{
    public static void Check(IReadOnlyList<string> informationSources)
    {
        if (informationSources.Count == 0 || informationSources.All(string.IsNullOrWhiteSpace))
        {
            throw new RuleViolationException("R-AS10", "risk_to_children.information_sources",
                "a risk-to-children conclusion must record the information it rests on");
        }
    }
}
