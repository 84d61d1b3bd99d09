using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.ServiceDefaults.Storage;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>Domain records to contract messages.</summary>
internal static class NominalMapping
{
    public static Contract.Nominal ToContract(this NominalRecord n) => new()
    {
        Name = n.ResourceName,
        ForceCode = n.ForceCode,
        PrimaryName = n.Details.PrimaryName.ToContract(),
        Aliases = { n.Details.Aliases.Select(a => a.ToContract()) },
        DateOfBirth = n.Details.DateOfBirth.ToContract(),
        Gender = n.Details.Gender,
        PncId = n.Details.PncId,
        VisorReference = n.Details.VisorReference,
        Category = n.Details.Category,
        ManagementStatus = n.Status,
        CreateTime = Timestamp.FromDateTimeOffset(n.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(n.UpdateTime),
        Etag = Etag.From(n.Version),
    };

    public static Contracts.Common.V1.PersonName ToContract(this Domain.PersonName name) =>
        new() { GivenNames = name.GivenNames, FamilyName = name.FamilyName };

    public static CalendarDate ToContract(this DateOnly date) =>
        new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
