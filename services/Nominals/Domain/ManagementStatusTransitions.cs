namespace OffenderRisk.Nominals.Domain;

/// <summary>Which management status a nominal may move to (R-ID1, R-RM4, R-RM1, R-RM2).</summary>
public static class ManagementStatusTransitions
{
    /// <summary>
    /// Whether the nominal may move to <paramref name="target"/>. R-ID1: managed needs a named
    /// MOSOVO officer. R-RM4: reactive needs a supervisor. R-RM1/R-RM2 (the parts this service
    /// knows): police-led, and no sexual civil order in force unless its discharge is pending.
    /// </summary>
    public static void Check(NominalRecord nominal, ManagementStatus target, bool actorIsSupervisor, DateOnly today)
    {
        var m = nominal.Management;
        if (target is ManagementStatus.Active or ManagementStatus.Reactive && string.IsNullOrEmpty(m.MosovoOfficer))
        {
            throw new RuleViolationException("R-ID1", "status", "a nominal cannot be managed without a named MOSOVO officer; assign one first");
        }
        if (target == ManagementStatus.Reactive)
        {
            if (!actorIsSupervisor)
            {
                throw new RuleViolationException("R-RM4", "status", "placement on reactive management needs a supervisor's approval");
            }
            if (m.LeadAgency is LeadAgency.Probation or LeadAgency.Prison)
            {
                throw new RuleViolationException("R-RM1", "status", "reactive management needs the nominal to be police managed, not on HMPPS supervision or licence");
            }
            if (m.CivilOrders.Any(o => o.IsSexualOrder && o.InForceOn(today) && !o.PendingDischarge))
            {
                throw new RuleViolationException("R-RM1", "status", "a sexual civil order (SHPO or SRO) is in force and no discharge is pending (R-RM2)");
            }
        }
    }
}
