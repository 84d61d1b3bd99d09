using System.Text.Json;
using System.Text;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// The body of a marker placement, built once when the request is stored and sent byte for byte
/// on every delivery, so that all deliveries of one Idempotency-Key carry the same body.
/// </summary>
public static class MarkerPayload
{
    /// <summary>The marker type both agencies use for public-protection interest.</summary>
    public const string MarkerType = "PUBLIC_PROTECTION_INTEREST";

    /// <summary>The body for DVLA (a driving licence) or HMPO (a passport).</summary>
    public static string For(Agency agency, string documentNumber, string caseReference, string requestingUnit) =>
        agency == Agency.Dvla
            ? ForDvla(documentNumber, caseReference, requestingUnit)
            : ForHmpo(documentNumber, caseReference, requestingUnit);

    public static string ForDvla(string drivingLicenceNumber, string caseReference, string requestingUnit) =>
        JsonSerializer.Serialize(new { licenceNumber = drivingLicenceNumber, markerType = MarkerType, caseReference, requestingUnit }, AgencyJson.Write);

    public static string ForHmpo(string passportNumber, string caseReference, string requestingUnit) =>
        JsonSerializer.Serialize(new { passportNumber, markerType = MarkerType, caseReference, requestingUnit }, AgencyJson.Write);

    internal static HttpContent Content(string payload) =>
        new StringContent(payload, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));
}
