using System.Text.RegularExpressions;

namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// The formats of the identifiers the agencies take, checked before any call (a malformed one is
/// INVALID_ARGUMENT and nothing is sent) and again in their answers (untrusted input).
/// </summary>
public static partial class AgencyIdentifiers
{
    /// <summary>PNC ID: "YY/NNNNNNN" and an upper-case check letter, e.g. 99/0000001A.</summary>
    public static bool IsPncId(string? value) => value is not null && PncIdPattern().IsMatch(value);

    /// <summary>Driving licence number: 16 characters, e.g. TESTP801010AA9AA.</summary>
    public static bool IsDrivingLicenceNumber(string? value) => value is not null && DrivingLicencePattern().IsMatch(value);

    /// <summary>Passport number: nine digits.</summary>
    public static bool IsPassportNumber(string? value) => value is not null && PassportPattern().IsMatch(value);

    [GeneratedRegex(@"\A[0-9]{2}/[0-9]{7}[A-Z]\z")]
    internal static partial Regex PncIdPattern();

    [GeneratedRegex(@"\A[A-Z9]{5}[0-9]{6}[A-Z0-9]{2}[0-9][A-Z]{2}\z")]
    internal static partial Regex DrivingLicencePattern();

    [GeneratedRegex(@"\A[0-9]{9}\z")]
    internal static partial Regex PassportPattern();

    [GeneratedRegex(@"\A[0-9]{1,6}/[0-9]{2}[A-Z]\z")]
    internal static partial Regex CroNumberPattern();

    /// <summary>An agency's marker id, e.g. HMPO-MKR-… : letters, digits and hyphens.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9\-]{2,119}\z")]
    internal static partial Regex MarkerIdPattern();
}
