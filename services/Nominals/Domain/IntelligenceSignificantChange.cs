using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// R-RM6: information received is assessed for significant change (one likely to alter the
/// assessment or the plan); a significant change requires an ARMS review.
/// </summary>
public static class SignificantChange
{
    public const string RuleId = "R-RM6";

    /// <summary>Why the nominal is flagged, as shown on the nominal.</summary>
    public const string ReviewFlagReason = "significant change (R-RM6)";

    /// <summary>
    /// A significant change needs at least one of the R-RM6 options (phone call, home visit,
    /// enquiries with agencies, further investigation); NO_ACTION suits only a change that is not
    /// significant, and then alone.
    /// </summary>
    public static void CheckActions(ChangeSignificance significance, IReadOnlyList<AssessmentAction> actions, string field)
    {
        if (actions.Contains(AssessmentAction.NoAction) && (significance == ChangeSignificance.Significant || actions.Count > 1))
        {
            throw new RuleViolationException(RuleId, field, "NO_ACTION cannot be combined with other actions or chosen for a significant change");
        }
        if (significance == ChangeSignificance.Significant && actions.Count == 0)
        {
            throw new RuleViolationException(RuleId, field, "a significant change needs at least one action: phone call, home visit, agency enquiries or further investigation");
        }
    }

    /// <summary>
    /// The nominal's MOSOVO officer, or a supervisor. Only the owning force sees the nominal at
    /// all (RecordAccess.Visible), so that is not decided again here.
    /// </summary>
    public static bool MayAssess(NominalRecord nominal, StaffMember staff) =>
        staff.IsSupervisor
        || (UserIds.Same(staff.UserId, nominal.Management.MosovoOfficer));

    /// <summary>A significant change flags the nominal for review; the ARMS review it requires is an obligation (R-MR4).</summary>
    public static NominalManagement Apply(NominalManagement management) =>
        management with { FlaggedForReview = true, ReviewFlagReason = ReviewFlagReason };
}
