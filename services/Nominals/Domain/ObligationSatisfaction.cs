using System.Text.RegularExpressions;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// R-MR4: an obligation is satisfied by a named record of the kind that fulfils it: an ARMS by an
/// assessment ("assessments/{id}"), a notification by one of the nominal's own notifications
/// (recorded through RecordNotification, which satisfies it itself). MAPPA reviews and plan actions
/// name the record of the service that keeps them (any well-formed resource name, until those
/// records exist).
/// </summary>
public static partial class ObligationSatisfaction
{
    public const int MaxNameLength = 300;

    public static void Check(ObligationRecord obligation, string satisfiedBy)
    {
        if (satisfiedBy.Length > MaxNameLength || !ResourceName().IsMatch(satisfiedBy))
        {
            throw ValidationFailedException.For("satisfied_by", "must be the resource name of the record that fulfils the obligation, e.g. assessments/{uuid}", "R-MR4");
        }
        var fits = obligation.Kind switch
        {
            ObligationKind.Arms => satisfiedBy.StartsWith("assessments/", StringComparison.Ordinal) && satisfiedBy.Count(c => c == '/') == 1,
            ObligationKind.InitialNotification or ObligationKind.AnnualNotification =>
                satisfiedBy.StartsWith(NominalNames.Format(obligation.NominalId) + "/notifications/", StringComparison.Ordinal),
            _ => true,
        };
        if (!fits)
        {
            throw ValidationFailedException.For("satisfied_by", obligation.Kind == ObligationKind.Arms
                ? "an ARMS obligation is satisfied by an assessment, assessments/{uuid}"
                : "a notification obligation is satisfied by one of the nominal's notifications", "R-MR4");
        }
    }

    /// <summary>collection/uuid pairs: "assessments/0190...", "nominals/{uuid}/notifications/{uuid}".</summary>
    [GeneratedRegex(@"^[a-z][A-Za-z]{0,40}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/[a-z][A-Za-z]{0,40}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
