namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The management status transition table (as the contract's ManagementStatus comment gives it)
/// and the rules every change of status must pass (R-ID1, R-RM1). Placement on reactive management
/// is by an approved decision only (R-RM4, <see cref="ReactiveDecisionRecord.Approve"/>).
/// </summary>
public static class ManagementStatusTransitions
{
    /// <summary>The moves the table allows (ACTIVE to REACTIVE by an approved decision only); a transfer (to PENDING) and the R-RM4 return triggers are not users' moves.</summary>
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

    private static string Describe(ManagementStatus status) => status.ToString().ToUpperInvariant();
}

