using System.Text.RegularExpressions;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// R-MR4: an obligation is satisfied by a named record of the kind that fulfils it: an ARMS by an
/// assessment ("assessments/{id}"), a notification by one of the nominal's own notifications
/// (recorded through RecordNotification, which satisfies it itself), a police or MAPPA plan by a
/// plan ("plans/{id}"), a plan action by a plan's action ("plans/{id}/actions/{action}"), a MAPPA
/// review by one of the nominal's own reviews ("nominals/{id}/mappaReviews/{review}"). Other kinds
/// name the record of the service that keeps them (any well-formed resource name).
/// </summary>
public static partial class ObligationSatisfaction
{
    public const int MaxNameLength = 300;

    public static void Check(ObligationRecord obligation, string satisfiedBy)
    {
        var isPlanAction = obligation.Kind == ObligationKind.PlanAction;
        if (satisfiedBy.Length > MaxNameLength || !(isPlanAction ? PlanActionName() : ResourceName()).IsMatch(satisfiedBy))
        {
            throw ValidationFailedException.For("satisfied_by", isPlanAction
                ? "a plan action obligation is satisfied by a plan's action, plans/{uuid}/actions/{action id}"
                : "must be the resource name of the record that fulfils the obligation, e.g. assessments/{uuid}", "R-MR4");
        }
        var (fits, needed) = obligation.Kind switch
        {
            ObligationKind.Arms => (IsTopLevel(satisfiedBy, "assessments/"), "an ARMS obligation is satisfied by an assessment, assessments/{uuid}"),
            ObligationKind.InitialNotification or ObligationKind.AnnualNotification =>
                (IsChildOf(obligation, satisfiedBy, "/notifications/"), "a notification obligation is satisfied by one of the nominal's notifications"),
            ObligationKind.PolicePlan or ObligationKind.MappaPlan => (IsTopLevel(satisfiedBy, "plans/"), "a plan obligation is satisfied by a plan, plans/{uuid}"),
            ObligationKind.MappaReview => (IsChildOf(obligation, satisfiedBy, "/" + MappaReviewNames.Collection + "/"),
                "a MAPPA review obligation is satisfied by one of the nominal's MAPPA reviews, nominals/{id}/mappaReviews/{uuid}"),
            _ => (true, ""),
        };
        if (!fits)
        {
            throw ValidationFailedException.For("satisfied_by", needed, "R-MR4");
        }
    }

    private static bool IsTopLevel(string name, string collection) =>
        name.StartsWith(collection, StringComparison.Ordinal) && name.Count(c => c == '/') == 1;

    private static bool IsChildOf(ObligationRecord obligation, string name, string collection) =>
        name.StartsWith(NominalNames.Format(obligation.NominalId) + collection, StringComparison.Ordinal) && name.Count(c => c == '/') == 3;

    /// <summary>"plans/{uuid}/actions/{id}": an action id is the plan author's, a lower-case letter then up to 39 lower-case letters, digits or '-'.</summary>
    [GeneratedRegex(@"\Aplans/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/actions/[a-z][a-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlanActionName();

    /// <summary>collection/uuid pairs: "assessments/0190...", "nominals/{uuid}/notifications/{uuid}".</summary>
    [GeneratedRegex(@"\A[a-z][A-Za-z]{0,40}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/[a-z][A-Za-z]{0,40}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
