namespace OffenderRisk.Nominals.Domain;

/// <summary>A person's name as recorded.</summary>
public sealed record PersonName(string GivenNames, string FamilyName);

/// <summary>What a user records about a nominal (everything except identity and bookkeeping).</summary>
public sealed record NominalDetails(
    PersonName PrimaryName,
    IReadOnlyList<PersonName> Aliases,
    DateOnly DateOfBirth,
    Gender Gender,
    string PncId,
    string VisorReference,
    NominalCategory Category,
    IReadOnlyList<AddressRecord> Addresses)
{
    /// <summary>These details with the fields named in <paramref name="paths"/> (update-mask names) taken from <paramref name="changes"/>.</summary>
    public NominalDetails Merge(NominalDetails changes, IReadOnlySet<string> paths) => new(
        paths.Contains("primary_name") ? changes.PrimaryName : PrimaryName,
        paths.Contains("aliases") ? changes.Aliases : Aliases,
        paths.Contains("date_of_birth") ? changes.DateOfBirth : DateOfBirth,
        paths.Contains("gender") ? changes.Gender : Gender,
        paths.Contains("pnc_id") ? changes.PncId : PncId,
        paths.Contains("visor_reference") ? changes.VisorReference : VisorReference,
        paths.Contains("category") ? changes.Category : Category,
        paths.Contains("addresses") ? changes.Addresses : Addresses);
}

/// <summary>
/// A stored nominal, the aggregate its management changes go through (see NominalRecord.Management.cs).
/// Version is the optimistic-concurrency counter behind the etag.
/// </summary>
public sealed partial record NominalRecord(
    string Id,
    string ForceCode,
    NominalDetails Details,
    ManagementStatus Status,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version,
    NominalManagement Management) : IVersioned<NominalRecord>
{
    public string ResourceName => NominalNames.Format(Id);

    public NominalRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}

/// <summary>Civil order names: "nominals/{id}/civilOrders/{order}".</summary>
public static class CivilOrderNames
{
    public static string Format(string nominalId, string orderId) => $"{NominalNames.Format(nominalId)}/civilOrders/{orderId}";

    public static (string NominalId, string OrderId)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, "civilOrders", name);
}
