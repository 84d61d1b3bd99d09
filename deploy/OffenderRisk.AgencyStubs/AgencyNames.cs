namespace OffenderRisk.AgencyStubs;

/// <summary>
/// The simulated agencies. Each name is also the folder under <c>deploy/stubs</c> that holds its
/// README and <c>mappings</c>, and the configuration key under <c>AgencyStubs:Agencies</c>.
/// </summary>
public static class AgencyNames
{
    public const string Pnc = "pnc";
    public const string Pnd = "pnd";
    public const string Dvla = "dvla";
    public const string Hmpo = "hmpo";

    public static IReadOnlyList<string> All { get; } = [Pnc, Pnd, Dvla, Hmpo];

    public static bool IsKnown(string agency) => All.Contains(agency, StringComparer.OrdinalIgnoreCase);

    /// <summary>Well-known local ports, so integration teams can hard-wire base addresses.</summary>
    public static int DefaultPort(string agency) => agency.ToLowerInvariant() switch
    {
        Pnc => 9101,
        Pnd => 9102,
        Dvla => 9103,
        Hmpo => 9104,
        _ => throw new ArgumentException($"Unknown agency '{agency}'. Known agencies: {string.Join(", ", All)}.", nameof(agency)),
    };
}
