using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// The agency identifiers a request carries (PNC ID, driving licence and passport numbers), checked
/// before anything is called or stored: a malformed one is INVALID_ARGUMENT and nothing is sent.
/// </summary>
internal static class AgencyIdentifierFields
{
    public static void OptionalPncId(string value, string field = "pnc_id")
    {
        if (!string.IsNullOrEmpty(value) && !AgencyIdentifiers.IsPncId(value))
        {
            throw ValidationFailedException.For(field, "must be a PNC ID, YY/NNNNNNN and a check letter");
        }
    }

    public static void DrivingLicenceNumber(string value, string field, bool required) =>
        Check(value, field, required, AgencyIdentifiers.IsDrivingLicenceNumber, "must be a 16-character driving licence number");

    public static void PassportNumber(string value, string field, bool required) =>
        Check(value, field, required, AgencyIdentifiers.IsPassportNumber, "must be a nine-digit passport number");

    /// <summary>The PNC ID asked for, or the nominal's recorded one; FAILED_PRECONDITION when there is neither.</summary>
    public static string PncIdFor(string requested, NominalSnapshot nominal) =>
        !string.IsNullOrEmpty(requested) ? requested
        : AgencyIdentifiers.IsPncId(nominal.PncId) ? nominal.PncId
        : throw new PreconditionFailedException("PNC_ID_UNKNOWN", "pnc_id", "The nominal has no PNC ID recorded; give pnc_id.");

    private static void Check(string value, string field, bool required, Func<string, bool> isValid, string shape)
    {
        var v = new Validator();
        if (required)
        {
            v.Required(field, value);
        }
        v.Check(string.IsNullOrEmpty(value) || isValid(value), field, shape);
        v.ThrowIfInvalid();
    }
}
