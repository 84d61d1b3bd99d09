namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The management status transition table (as the contract's ManagementStatus comment gives it)
/// and the rules a user's change of status must pass (R-ID1, R-RM1, R-RM2, R-RM4).
/// </summary>
public static class ManagementStatusTransitions
{
    /// <summary>The moves a user may make; a transfer (to PENDING) and the R-RM4 return triggers are not users' moves.</summary>
    public static readonly IReadOnlySet<(ManagementStatus From, ManagementStatus To)> Allowed = new HashSet<(ManagementStatus, ManagementStatus)>
    {
        (ManagementStatus.Pending, ManagementStatus.Active),
        (ManagementStatus.Pending, ManagementStatus.Ended),
        (ManagementStatus.Active, ManagementStatus.Reactive),
        (ManagementStatus.Active, ManagementStatus.Ended),
        (ManagementStatus.Reactive, ManagementStatus.Active),
        (ManagementStatus.Reactive, ManagementStatus.Ended),
        // Reopening: the end reason stays in the status history.
        (ManagementStatus.Ended, ManagementStatus.Active),
    };

    /// <summary>Most reasons a placement on reactive management may list, and the longest each may be.</summary>
    public const int MaxPlacementReasons = 20;
    public const int MaxPlacementReasonLength = 500;

    public static bool IsAllowed(ManagementStatus from, ManagementStatus to) => Allowed.Contains((from, to));

    /// <summary>
    /// Refuses a move the table does not have: to the same status (NO_CHANGE), to REACTIVE from
    /// anything but ACTIVE (R-RM1: placement is for a nominal under active management in the
    /// community), or anything else (STATUS_TRANSITION_NOT_ALLOWED); then R-ID1: active and
    /// reactive need a named MOSOVO officer.
    /// </summary>
    public static void Check(NominalRecord nominal, ManagementStatus target)
    {
        var from = nominal.Status;
        if (from == target)
        {
            throw new PreconditionFailedException("NO_CHANGE", "status", "the nominal already has this status");
        }
        if (!IsAllowed(from, target))
        {
            if (target == ManagementStatus.Reactive)
            {
                throw new RuleViolationException("R-RM1", "status",
                    $"reactive management is entered from active management only, not from {Describe(from)}");
            }
            throw new PreconditionFailedException("STATUS_TRANSITION_NOT_ALLOWED", "status",
                $"a nominal cannot move from {Describe(from)} to {Describe(target)}");
        }
        if (target is ManagementStatus.Active or ManagementStatus.Reactive && string.IsNullOrEmpty(nominal.Management.MosovoOfficer))
        {
            throw new RuleViolationException("R-ID1", "status", "a nominal cannot be managed without a named MOSOVO officer; assign one first");
        }
    }

    /// <summary>
    /// R-RM4: placement needs the approval of a supervisor (the caller) who is neither the proposer
    /// nor the nominal's MOSOVO officer (user ids compared ignoring case), and its reasons. R-RM1
    /// (the criteria this service holds): a registered sexual offender, whose lead agency has been
    /// set to police, with no sexual civil order (SHPO or SRO) in force on <paramref name="today"/>
    /// unless its discharge is pending: then R-RM2 places it under the exception, and the answer
    /// says so (true).
    /// </summary>
    public static bool CheckPlacement(NominalRecord nominal, ReactivePlacement placement, StaffMember approver, DateOnly today)
    {
        var m = nominal.Management;
        if (!approver.IsSupervisor)
        {
            throw new RuleViolationException("R-RM4", "status", "placement on reactive management needs a supervisor's approval");
        }
        if (string.IsNullOrWhiteSpace(placement.ProposedBy))
        {
            throw new RuleViolationException("R-RM4", "proposed_by", "placement on reactive management names the officer who proposed it");
        }
        if (SameUser(approver.UserId, placement.ProposedBy))
        {
            throw new RuleViolationException("R-RM4", "proposed_by", "the approving supervisor cannot be the officer who proposed the placement");
        }
        if (SameUser(approver.UserId, m.MosovoOfficer))
        {
            throw new RuleViolationException("R-RM4", "status", "the approving supervisor cannot be the nominal's MOSOVO officer");
        }
        if (!placement.Reasons.Any(r => !string.IsNullOrWhiteSpace(r)))
        {
            throw new RuleViolationException("R-RM4", "placement_reasons", "the placement's reasons are kept: give at least one");
        }
        if (nominal.Details.Category != NominalCategory.RegisteredSexualOffender)
        {
            throw new RuleViolationException("R-RM1", "status", "reactive management applies to registered sexual offenders");
        }
        if (m.LeadAgency != LeadAgency.Police)
        {
            throw new RuleViolationException("R-RM1", "status", m.LeadAgency == LeadAgency.Unspecified
                ? "the lead agency must have been set to police, not merely left unset"
                : "reactive management needs the nominal to be police managed, not on HMPPS supervision or licence");
        }
        var sexualOrdersInForce = m.CivilOrders.Where(o => o.IsSexualOrder && o.InForceOn(today)).ToList();
        if (sexualOrdersInForce.Any(o => !o.PendingDischarge))
        {
            throw new RuleViolationException("R-RM1", "status", "a sexual civil order (SHPO or SRO) is in force and its discharge is not pending (R-RM2)");
        }
        return sexualOrdersInForce.Count > 0;
    }

    /// <summary>User ids are compared ignoring case: "sgt-1" and "SGT-1" are one person.</summary>
    public static bool SameUser(string a, string b) =>
        a.Length > 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Describe(ManagementStatus status) => status.ToString().ToUpperInvariant();
}

/// <summary>A proposed placement on reactive management (R-RM4): who proposed it and why.</summary>
public sealed record ReactivePlacement(string ProposedBy, IReadOnlyList<string> Reasons)
{
    public static readonly ReactivePlacement None = new("", []);
}
