using OffenderRisk.Contracts.Nominals.V1;

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
    IReadOnlyList<AddressRecord> Addresses);

/// <summary>A stored nominal. Version is the optimistic-concurrency counter behind the etag.</summary>
public sealed record NominalRecord(
    string Id,
    string ForceCode,
    NominalDetails Details,
    ManagementStatus Status,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version,
    NominalManagement Management)
{
    public string ResourceName => NominalNames.Format(Id);
}

/// <summary>Civil order names: "nominals/{id}/civilOrders/{order}".</summary>
public static class CivilOrderNames
{
    public static string Format(string nominalId, string orderId) => $"{NominalNames.Format(nominalId)}/civilOrders/{orderId}";

    public static (string NominalId, string OrderId)? TryParse(string? name)
    {
        var parts = name?.Split('/');
        if (parts is not { Length: 4 } || parts[0] != NominalNames.Collection || parts[2] != "civilOrders"
            || !Guid.TryParseExact(parts[1], "D", out _) || !Guid.TryParseExact(parts[3], "D", out _))
        {
            return null;
        }
        return (parts[1], parts[3]);
    }
}
