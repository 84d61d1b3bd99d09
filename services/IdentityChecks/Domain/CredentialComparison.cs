using System.Globalization;

namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>A name an agency reported during a credential check.</summary>
public sealed record ObservedName(string FamilyName, string GivenNames, Agency Agency)
{
    /// <summary>
    /// Two names are the same person's name when the surname and the first forename agree,
    /// ignoring case and spacing: agencies differ in how many forenames they hold.
    /// </summary>
    public string Key => CredentialComparison.NameKey(FamilyName, GivenNames);

    public override string ToString() => $"{FamilyName.ToUpperInvariant()} {GivenNames}".Trim();
}

/// <summary>A document number an agency reported (current or previous).</summary>
public sealed record ObservedDocument(string Number, Agency Agency);

/// <summary>A change of name the PNC driver record reported (R-IC4).</summary>
public sealed record ObservedNameChange(string EffectiveDate, ObservedName PreviousName, ObservedName NewName)
{
    public string Key => $"{EffectiveDate}|{PreviousName.Key}|{NewName.Key}";
}

/// <summary>Everything one credential check learned about a nominal's identity.</summary>
public sealed record CredentialObservations(
    IReadOnlyList<ObservedName> Names,
    IReadOnlyList<ObservedDocument> DrivingLicenceNumbers,
    IReadOnlyList<ObservedDocument> PassportNumbers,
    IReadOnlyList<ObservedNameChange> NameChanges)
{
    public static readonly CredentialObservations Empty = new([], [], [], []);
}

/// <summary>One discrepancy: its kind, what was new (personal data: kept in the check, never sent on) and who said so.</summary>
public sealed record CredentialDiscrepancy(DiscrepancyKind Kind, string Detail, Agency Agency);

/// <summary>
/// R-IC2: each check of a nominal's identity credentials is compared with the earlier ones, and a
/// discrepancy is flagged. The first check has no earlier one: its names are compared with the
/// names the nominal record holds, and its document numbers become the baseline.
/// </summary>
public static class CredentialComparison
{
    public static IReadOnlyList<CredentialDiscrepancy> Compare(
        CredentialObservations current, IReadOnlyList<CredentialObservations> earlier, IReadOnlyList<(string FamilyName, string GivenNames)> recordedNames)
    {
        var found = new List<CredentialDiscrepancy>();
        var recorded = recordedNames.Select(n => NameKey(n.FamilyName, n.GivenNames)).ToHashSet(StringComparer.Ordinal);
        var knownNames = earlier.SelectMany(e => e.Names).Select(n => n.Key).Concat(recorded).ToHashSet(StringComparer.Ordinal);
        foreach (var name in current.Names.DistinctBy(n => n.Key))
        {
            if (!knownNames.Contains(name.Key))
            {
                found.Add(new CredentialDiscrepancy(DiscrepancyKind.NewName, name.ToString(), name.Agency));
            }
        }

        found.AddRange(NewDocuments(current.DrivingLicenceNumbers, earlier.SelectMany(e => e.DrivingLicenceNumbers), DiscrepancyKind.NewDrivingLicenceNumber));
        found.AddRange(NewDocuments(current.PassportNumbers, earlier.SelectMany(e => e.PassportNumbers), DiscrepancyKind.NewPassportNumber));

        var knownChanges = earlier.SelectMany(e => e.NameChanges).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var change in current.NameChanges.DistinctBy(c => c.Key))
        {
            var isNew = earlier.Count > 0
                ? !knownChanges.Contains(change.Key)
                // First check: a change between names the nominal record already holds is known.
                : !(recorded.Contains(change.PreviousName.Key) && recorded.Contains(change.NewName.Key));
            if (isNew)
            {
                found.Add(new CredentialDiscrepancy(DiscrepancyKind.PncNameChange,
                    $"{change.EffectiveDate}: {change.PreviousName} to {change.NewName}", Agency.Pnc));
            }
        }
        return found;
    }

    /// <summary>
    /// The work item's summary code: a code, never personal data (CreateWorkItem refuses anything
    /// but UPPER_SNAKE).
    /// </summary>
    public static string SummaryCode(IReadOnlyList<CredentialDiscrepancy> discrepancies)
    {
        var kinds = discrepancies.Select(d => d.Kind).Distinct().ToList();
        return kinds.Count == 1
            ? "IDENTITY_" + kinds[0] switch
            {
                DiscrepancyKind.NewName => "NEW_NAME",
                DiscrepancyKind.NewDrivingLicenceNumber => "NEW_DRIVING_LICENCE_NUMBER",
                DiscrepancyKind.NewPassportNumber => "NEW_PASSPORT_NUMBER",
                DiscrepancyKind.PncNameChange => "PNC_NAME_CHANGE",
                _ => "DISCREPANCY",
            }
            : "IDENTITY_MULTIPLE_DISCREPANCIES";
    }

    public static string NameKey(string familyName, string givenNames)
    {
        var first = givenNames.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return $"{familyName.Trim().ToUpper(CultureInfo.InvariantCulture)}|{first.ToUpper(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Numbers not seen before; only once a baseline exists (the first sighting is not a discrepancy).</summary>
    private static IEnumerable<CredentialDiscrepancy> NewDocuments(IReadOnlyList<ObservedDocument> current, IEnumerable<ObservedDocument> earlier, DiscrepancyKind kind)
    {
        var known = earlier.Select(d => d.Number).ToHashSet(StringComparer.Ordinal);
        if (known.Count == 0)
        {
            return [];
        }
        return current.DistinctBy(d => d.Number).Where(d => !known.Contains(d.Number))
            .Select(d => new CredentialDiscrepancy(kind, d.Number, d.Agency));
    }
}
