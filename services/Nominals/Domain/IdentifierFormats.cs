using System.Text.RegularExpressions;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The formats of the identifiers nominal and victim records hold, defined once: validation of a
/// record and of a search check against the same definition. Whole values only (<c>\z</c>, not
/// <c>$</c>, which would let a trailing newline through) and ASCII digits only (<c>[0-9]</c>).
/// </summary>
public static partial class IdentifierFormats
{
    /// <summary>A PNC id as the nominals service stores it, e.g. 99/1234567A.</summary>
    [GeneratedRegex(@"\A[0-9]{2}/[0-9]{1,7}[A-Za-z]\z")]
    public static partial Regex PncId();

    /// <summary>A ViSOR reference: 4-20 letters, digits, '/' or '-'.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9/\-]{4,20}\z")]
    public static partial Regex VisorReference();

    /// <summary>A postcode: 2-10 letters, digits and spaces.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9 ]{2,10}\z")]
    public static partial Regex Postcode();
}
