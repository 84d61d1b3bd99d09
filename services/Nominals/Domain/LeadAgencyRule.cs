namespace OffenderRisk.Nominals.Domain;

/// <summary>R-MG2: for a PDP, probation or prison as lead agency needs a manager's authority.</summary>
public static class LeadAgencyRule
{
    public static void Check(NominalRecord nominal, LeadAgency agency, string managerAuthority)
    {
        if (nominal.Details.Category == NominalCategory.PotentiallyDangerousPerson
            && agency is LeadAgency.Probation or LeadAgency.Prison
            && string.IsNullOrWhiteSpace(managerAuthority))
        {
            throw new RuleViolationException("R-MG2", "manager_authority",
                "involving probation or prison with a PDP is exceptional and needs the authorising manager recorded");
        }
    }
}
