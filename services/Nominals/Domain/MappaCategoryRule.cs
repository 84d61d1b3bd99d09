namespace OffenderRisk.Nominals.Domain;

/// <summary>R-MG1: MAPPA category 1 is the registered sexual offenders' category.</summary>
public static class MappaCategoryRule
{
    public const int RegisteredSexualOffenders = 1;

    /// <summary>
    /// Refuses MAPPA category 1 for a nominal of another category: checked when MAPPA is set and
    /// when the nominal's category changes.
    /// </summary>
    public static void Check(int mappaCategory, NominalCategory category, string field)
    {
        if (mappaCategory == RegisteredSexualOffenders && category != NominalCategory.RegisteredSexualOffender)
        {
            throw new RuleViolationException("R-MG1", field,
                "MAPPA category 1 is for registered sexual offenders only");
        }
    }
}
