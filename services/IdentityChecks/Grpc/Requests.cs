using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>Request checks every handler shares; all run before anything is called or stored.</summary>
internal static class Requests
{
    public static string Nominal(string name, string field = "nominal") => ResourceNames.ParseId(NominalNames.Collection, name, field);

    public static string? RequestId(string requestId) => RequestIds.Validate(requestId);

    public static void OptionalPncId(string value, string field = "pnc_id")
    {
        if (!string.IsNullOrEmpty(value) && !AgencyIdentifiers.IsPncId(value))
        {
            throw Invalid(field, "must be a PNC ID, YY/NNNNNNN and a check letter");
        }
    }

    public static void DrivingLicenceNumber(string value, string field, bool required)
    {
        var v = new Validator();
        if (required)
        {
            v.Required(field, value);
        }
        v.Check(string.IsNullOrEmpty(value) || AgencyIdentifiers.IsDrivingLicenceNumber(value), field, "must be a 16-character driving licence number");
        v.ThrowIfInvalid();
    }

    public static void PassportNumber(string value, string field, bool required)
    {
        var v = new Validator();
        if (required)
        {
            v.Required(field, value);
        }
        v.Check(string.IsNullOrEmpty(value) || AgencyIdentifiers.IsPassportNumber(value), field, "must be a nine-digit passport number");
        v.ThrowIfInvalid();
    }

    /// <summary>The PNC ID asked for, or the nominal's recorded one; FAILED_PRECONDITION when there is neither.</summary>
    public static string PncIdFor(string requested, NominalSnapshot nominal) =>
        !string.IsNullOrEmpty(requested) ? requested
        : AgencyIdentifiers.IsPncId(nominal.PncId) ? nominal.PncId
        : throw new PreconditionFailedException("PNC_ID_UNKNOWN", "pnc_id", "The nominal has no PNC ID recorded; give pnc_id.");

    public static ValidationFailedException Invalid(string field, string description) => new([new FieldProblem(field, description)]);
}
