using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;

namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// A marker request (R-IC2) and its delivery state (R-IC5). It is stored PENDING with a fixed
/// Idempotency-Key and payload; every delivery sends both unchanged, so that however often it is
/// delivered (retries, outages, restarts) the agency places one marker.
/// </summary>
public sealed record MarkerRequestRecord(
    string Id,
    string NominalId,
    string ForceCode,
    Agency Agency,
    EnquiryGround Ground,
    string DocumentNumber,
    MarkerRequestState State,
    string MarkerId,
    string AgencyOutcome,
    string RejectionReason,
    int Attempts,
    string LastFailure,
    DateTimeOffset? NextAttemptTime,
    string RequestedBy,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    DateTimeOffset? DeliverTime,
    string IdempotencyKey,
    string Payload)
{
    public string ResourceName => MarkerRequestNames.Format(Id);

    public string Nominal => NominalNames.Format(NominalId);

    /// <summary>A new request: PENDING, due for delivery at once, with its key and payload fixed.</summary>
    public static MarkerRequestRecord Create(string id, string nominalId, string force, Agency agency, EnquiryGround ground,
        string documentNumber, string requestedBy, string requestingUnit, DateTimeOffset now)
    {
        var key = Guid.NewGuid().ToString("D");
        // The case reference is our request's id: it lets the agency's staff find us, and holds no personal data.
        var payload = agency == Agency.Dvla
            ? MarkerPayload.ForDvla(documentNumber, id, requestingUnit)
            : MarkerPayload.ForHmpo(documentNumber, id, requestingUnit);
        return new MarkerRequestRecord(id, nominalId, force, agency, ground, documentNumber, MarkerRequestState.Pending,
            "", "", "", 0, "", now, requestedBy, now, now, null, key, payload);
    }

    /// <summary>Applies a definite answer from the agency: DELIVERED or REJECTED.</summary>
    public MarkerRequestRecord Apply(MarkerPlacement placement, int attempts, DateTimeOffset now) => placement.Outcome switch
    {
        MarkerPlacementOutcome.Placed => this with
        {
            State = MarkerRequestState.Delivered, MarkerId = placement.MarkerId, AgencyOutcome = "PLACED",
            Attempts = attempts, LastFailure = "", NextAttemptTime = null, UpdateTime = now, DeliverTime = now,
        },
        MarkerPlacementOutcome.AlreadyPresent => this with
        {
            State = MarkerRequestState.Delivered, MarkerId = placement.MarkerId, AgencyOutcome = "ALREADY_PRESENT",
            Attempts = attempts, LastFailure = "", NextAttemptTime = null, UpdateTime = now, DeliverTime = now,
        },
        _ => this with
        {
            State = MarkerRequestState.Rejected, RejectionReason = placement.Reason, Attempts = attempts,
            LastFailure = "", NextAttemptTime = null, UpdateTime = now,
        },
    };

    /// <summary>A transient failure: stays PENDING, to be tried again at <paramref name="next"/>.</summary>
    public MarkerRequestRecord Retrying(string failure, int attempts, DateTimeOffset next, DateTimeOffset now) =>
        this with { LastFailure = failure, Attempts = attempts, NextAttemptTime = next, UpdateTime = now };
}

/// <summary>Checks a new marker request before anything is stored.</summary>
public static class MarkerRequestValidation
{
    /// <summary>Returns the agency and document number; refuses a missing ground citing R-IC1.</summary>
    public static (Agency Agency, string DocumentNumber) Validate(MarkerRequest? request)
    {
        var v = new Validator();
        if (request is null)
        {
            v.Add("marker_request", "is required").ThrowIfInvalid();
            return default;
        }
        v.Check(request.Agency is Agency.Dvla or Agency.Hmpo, "marker_request.agency", "must be AGENCY_DVLA or AGENCY_HMPO");
        var document = "";
        if (request.Agency == Agency.Dvla)
        {
            document = request.DrivingLicenceNumber;
            v.Required("marker_request.driving_licence_number", document)
             .Check(string.IsNullOrEmpty(document) || AgencyIdentifiers.IsDrivingLicenceNumber(document), "marker_request.driving_licence_number", "must be a 16-character driving licence number")
             .Check(string.IsNullOrEmpty(request.PassportNumber), "marker_request.passport_number", "must be empty for a DVLA marker");
        }
        else if (request.Agency == Agency.Hmpo)
        {
            document = request.PassportNumber;
            v.Required("marker_request.passport_number", document)
             .Check(string.IsNullOrEmpty(document) || AgencyIdentifiers.IsPassportNumber(document), "marker_request.passport_number", "must be a nine-digit passport number")
             .Check(string.IsNullOrEmpty(request.DrivingLicenceNumber), "marker_request.driving_licence_number", "must be empty for an HMPO marker");
        }
        v.ThrowIfInvalid();
        EnquiryGrounds.Require(request.Ground, "marker_request.ground");
        return (request.Agency, document);
    }
}
