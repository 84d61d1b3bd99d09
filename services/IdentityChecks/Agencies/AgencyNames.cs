using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// How each agency is named: the HTTP client and resilience pipeline name ("pnc"), the
/// configuration section ("Pnc"), the display name ("PNC") and the audit recipient ("agency:pnc").
/// </summary>
public static class AgencyNames
{
    public static readonly IReadOnlyList<Agency> All = [Agency.Pnc, Agency.Pnd, Agency.Dvla, Agency.Hmpo];

    /// <summary>Client, pipeline, span attribute and ErrorInfo "dependency" value: "pnc".</summary>
    public static string Key(Agency agency) => agency switch
    {
        Agency.Pnc => "pnc",
        Agency.Pnd => "pnd",
        Agency.Dvla => "dvla",
        Agency.Hmpo => "hmpo",
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, "not an agency"),
    };

    /// <summary>Configuration section under <c>Agencies</c>: "Pnc".</summary>
    public static string Section(Agency agency) => agency switch
    {
        Agency.Pnc => "Pnc",
        Agency.Pnd => "Pnd",
        Agency.Dvla => "Dvla",
        Agency.Hmpo => "Hmpo",
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, "not an agency"),
    };

    /// <summary>For messages: "PNC".</summary>
    public static string Display(Agency agency) => Key(agency).ToUpperInvariant();

    /// <summary>The recipient recorded on a disclosure audit entry (R-AU1).</summary>
    public static string AuditRecipient(Agency agency) => "agency:" + Key(agency);
}
