using System.Text;
using System.Text.Json;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>What the agency did with a marker placement that it answered.</summary>
public enum MarkerPlacementOutcome
{
    /// <summary>Placed now (201), or a replay of our earlier delivery with the same key (200).</summary>
    Placed,
    /// <summary>The agency already held a marker placed under another key: done, do not retry.</summary>
    AlreadyPresent,
    /// <summary>Refused for good (no such document, invalid request): do not retry.</summary>
    Rejected,
}

/// <summary>A definite answer to a marker placement. Transient failures are thrown instead.</summary>
public sealed record MarkerPlacement(MarkerPlacementOutcome Outcome, string MarkerId, string Reason, bool Replayed, int Attempts);

/// <summary>
/// The body of a marker placement, built once when the request is stored and sent byte for byte
/// on every delivery, so that all deliveries of one Idempotency-Key carry the same body.
/// </summary>
public static class MarkerPayload
{
    /// <summary>The marker type both agencies use for public-protection interest.</summary>
    public const string MarkerType = "PUBLIC_PROTECTION_INTEREST";

    public static string ForDvla(string drivingLicenceNumber, string caseReference, string requestingUnit) =>
        JsonSerializer.Serialize(new { licenceNumber = drivingLicenceNumber, markerType = MarkerType, caseReference, requestingUnit }, AgencyJson.Write);

    public static string ForHmpo(string passportNumber, string caseReference, string requestingUnit) =>
        JsonSerializer.Serialize(new { passportNumber, markerType = MarkerType, caseReference, requestingUnit }, AgencyJson.Write);

    internal static HttpContent Content(string payload) =>
        new StringContent(payload, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));
}
