namespace OffenderRisk.Nominals.Domain;

/// <summary>R-MG2: for a PDP, probation or prison as lead agency needs a manager's authority.</summary>
public static class LeadAgencyRule
{
    /// <summary>
    /// Refuses a PDP led by probation or prison without a recorded manager's authority: checked
    /// when the lead agency changes and when the category changes to PDP.
    /// </summary>
    public static void Check(NominalCategory category, LeadAgency agency, string managerAuthority)
    {
        if (category == NominalCategory.PotentiallyDangerousPerson
            && agency is LeadAgency.Probation or LeadAgency.Prison
            && string.IsNullOrWhiteSpace(managerAuthority))
        {
            throw new RuleViolationException("R-MG2", "manager_authority",
                "involving probation or prison with a PDP is exceptional and needs the authorising manager recorded");
        }
    }
}
