namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>Type-level agency name so one generic fixture serves every agency test class.</summary>
public interface IAgency
{
    static abstract string Name { get; }
}

public sealed class Pnc : IAgency
{
    public static string Name => AgencyNames.Pnc;
}

public sealed class Pnd : IAgency
{
    public static string Name => AgencyNames.Pnd;
}

public sealed class Dvla : IAgency
{
    public static string Name => AgencyNames.Dvla;
}

public sealed class Hmpo : IAgency
{
    public static string Name => AgencyNames.Hmpo;
}

/// <summary>Fault selectors that every agency honours on its lookup endpoint (see deploy/stubs/README.md).</summary>
public enum Fault
{
    Throttled,
    Unavailable,
    Slow,
    MalformedJson,
    EmptyBody,
    GarbledBody,
    ConnectionReset,
}

/// <summary>The documented selector values and request shapes of one agency, as listed in its README.</summary>
public sealed record AgencyCase(
    string Agency,
    string LookupPath,
    Func<string, object> LookupBody,
    string FoundSelector,
    string MalformedIdentifier,
    IReadOnlyDictionary<Fault, string> Faults,
    string? MarkerPath = null,
    Func<string, object>? MarkerBody = null)
{
    public static AgencyCase For(string agency) => agency switch
    {
        AgencyNames.Pnc => new(
            agency,
            "/pnc/v1/persons/lookup",
            id => new { pncId = id },
            "99/0000001A",
            "99-1A",
            PncIdFaults),
        AgencyNames.Pnd => new(
            agency,
            "/pnd/v1/intelligence/search",
            id => new { subject = new { pncId = id }, purpose = "PUBLIC_PROTECTION", maxResults = 25 },
            "99/0000001A",
            "not-a-pnc-id",
            PncIdFaults),
        AgencyNames.Dvla => new(
            agency,
            "/dvla/v1/driver-licences/validate",
            number => new { licenceNumber = number },
            "TESTP801010AA9AA",
            "TESTP8",
            new Dictionary<Fault, string>
            {
                [Fault.Throttled] = "TESTP804290TT9TT",
                [Fault.Unavailable] = "TESTP805030UU9UU",
                [Fault.Slow] = "TESTP804080SS9SS",
                [Fault.MalformedJson] = "TESTP804220MM9MM",
                [Fault.EmptyBody] = "TESTP802040EE9EE",
                [Fault.GarbledBody] = "TESTP802060CC9CC",
                [Fault.ConnectionReset] = "TESTP804440RR9RR",
            },
            "/dvla/v1/markers",
            number => new { licenceNumber = number, markerType = "PUBLIC_PROTECTION_INTEREST", caseReference = "OR-TEST-0001", requestingUnit = "TESTSHIRE PPU" }),
        AgencyNames.Hmpo => new(
            agency,
            "/hmpo/v1/omnibase/passports/lookup",
            number => new { passportNumber = number },
            "990000001",
            "99000000X",
            new Dictionary<Fault, string>
            {
                [Fault.Throttled] = "990000429",
                [Fault.Unavailable] = "990000503",
                [Fault.Slow] = "990000408",
                [Fault.MalformedJson] = "990000422",
                [Fault.EmptyBody] = "990000204",
                [Fault.GarbledBody] = "990000206",
                [Fault.ConnectionReset] = "990000444",
            },
            "/hmpo/v1/markers",
            number => new { passportNumber = number, markerType = "PUBLIC_PROTECTION_INTEREST", caseReference = "OR-TEST-0001", requestingUnit = "TESTSHIRE PPU" }),
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, "Unknown agency."),
    };

    private static readonly Dictionary<Fault, string> PncIdFaults = new()
    {
        [Fault.Throttled] = "99/0000429T",
        [Fault.Unavailable] = "99/0000503U",
        [Fault.Slow] = "99/0000408S",
        [Fault.MalformedJson] = "99/0000422M",
        [Fault.EmptyBody] = "99/0000204E",
        [Fault.GarbledBody] = "99/0000206C",
        [Fault.ConnectionReset] = "99/0000444R",
    };
}
