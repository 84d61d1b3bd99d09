using System.Text.RegularExpressions;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Domain;

/// <summary>The management rules of the rulebook that the nominals service enforces.</summary>
public static partial class ManagementRules
{
    /// <summary>More than six weeks between conviction and sentencing requires an ARMS (R-AS5).</summary>
    public const int ConvictionSentenceGapDays = 42;

    /// <summary>A police ARMS is due within 15 working days of a change of lead agency (R-AS5).</summary>
    public const int ArmsWorkingDays = 15;

    public static bool IsValidUserId(string value) => UserIdPattern().IsMatch(value);

    public static bool IsValidForce(string value) => ForcePattern().IsMatch(value);

    /// <summary>
    /// Whether the nominal may move to <paramref name="target"/>. R-ID1: managed needs a named
    /// MOSOVO officer. R-RM4: reactive needs a supervisor. R-RM1/R-RM2 (the parts this service
    /// knows): police-led, and no sexual civil order in force unless its discharge is pending.
    /// </summary>
    public static void CheckStatusChange(NominalRecord nominal, ManagementStatus target, bool callerIsSupervisor, DateOnly today)
    {
        var m = nominal.Management;
        if (target is ManagementStatus.Active or ManagementStatus.Reactive && string.IsNullOrEmpty(m.MosovoOfficer))
        {
            throw new RuleViolationException("R-ID1", "status", "a nominal cannot be managed without a named MOSOVO officer; assign one first");
        }
        if (target == ManagementStatus.Reactive)
        {
            if (!callerIsSupervisor)
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

    /// <summary>R-MG2: for a PDP, probation or prison as lead agency needs a manager's authority.</summary>
    public static void CheckLeadAgency(NominalRecord nominal, LeadAgency agency, string managerAuthority)
    {
        if (nominal.Details.Category == NominalCategory.PotentiallyDangerousPerson
            && agency is LeadAgency.Probation or LeadAgency.Prison
            && string.IsNullOrWhiteSpace(managerAuthority))
        {
            throw new RuleViolationException("R-MG2", "manager_authority",
                "involving probation or prison with a PDP is exceptional and needs the authorising manager recorded");
        }
    }

    /// <summary>R-AS10: a risk-to-children conclusion must say what information it rests on.</summary>
    public static void CheckRiskToChildren(IReadOnlyList<string> informationSources)
    {
        if (informationSources.Count == 0 || informationSources.All(string.IsNullOrWhiteSpace))
        {
            throw new RuleViolationException("R-AS10", "risk_to_children.information_sources",
                "a risk-to-children conclusion must record the information it rests on");
        }
    }

    public static bool HasConvictionSentenceGap(SentenceRecord sentence) =>
        sentence.SentenceDate.DayNumber - sentence.ConvictionDate.DayNumber > ConvictionSentenceGapDays;

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{2,64}$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex(@"^[A-Z0-9]{2,8}$")]
    private static partial Regex ForcePattern();
}
