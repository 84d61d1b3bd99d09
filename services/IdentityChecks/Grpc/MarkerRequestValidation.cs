using Contract = OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>Checks a new marker request before anything is stored.</summary>
public static class MarkerRequestValidation
{
    /// <summary>Returns the agency, ground and document number; refuses a missing ground citing R-IC1.</summary>
    public static (Agency Agency, EnquiryGround Ground, string DocumentNumber) Validate(Contract.MarkerRequest? request)
    {
        var v = new Validator();
        if (request is null)
        {
            v.Add("marker_request", "is required").ThrowIfInvalid();
            return default;
        }
        var agency = (Agency)request.Agency;
        v.Check(agency is Agency.Dvla or Agency.Hmpo, "marker_request.agency", "must be AGENCY_DVLA or AGENCY_HMPO");
        var document = "";
        if (agency == Agency.Dvla)
        {
            document = request.DrivingLicenceNumber;
            v.Required("marker_request.driving_licence_number", document)
             .Check(string.IsNullOrEmpty(document) || AgencyIdentifiers.IsDrivingLicenceNumber(document), "marker_request.driving_licence_number", "must be a 16-character driving licence number")
             .Check(string.IsNullOrEmpty(request.PassportNumber), "marker_request.passport_number", "must be empty for a DVLA marker");
        }
        else if (agency == Agency.Hmpo)
        {
            document = request.PassportNumber;
            v.Required("marker_request.passport_number", document)
             .Check(string.IsNullOrEmpty(document) || AgencyIdentifiers.IsPassportNumber(document), "marker_request.passport_number", "must be a nine-digit passport number")
             .Check(string.IsNullOrEmpty(request.DrivingLicenceNumber), "marker_request.driving_licence_number", "must be empty for an HMPO marker");
        }
        v.ThrowIfInvalid();
        var ground = (EnquiryGround)request.Ground;
        EnquiryGrounds.Require(ground, "marker_request.ground");
        return (agency, ground, document);
    }
}
