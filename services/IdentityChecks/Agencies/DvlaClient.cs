using System.Net;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// DVLA: Driver Licence Validation (current holder only, no name-change links: R-IC4) and marker
/// placement with an Idempotency-Key. Contract: deploy/stubs/dvla/README.md.
/// </summary>
public sealed class DvlaClient(HttpClient http, IOptionsMonitor<AgencyOptions> options, ServiceTelemetry telemetry, TimeProvider clock, ILogger<DvlaClient> logger)
    : AgencyClient(http, options.Get(AgencyNames.Key(Agency.Dvla)), telemetry, clock, logger)
{
    protected override Agency Agency => Agency.Dvla;

    public Task<AgencyLookup<Contracts.Identity.V1.DrivingLicence>> ValidateLicenceAsync(string drivingLicenceNumber, CancellationToken ct) =>
        LookupAsync<LicenceAnswer, Contracts.Identity.V1.DrivingLicence>("driver-licences.validate", "dvla/v1/driver-licences/validate",
            new { licenceNumber = drivingLicenceNumber }, a => a.ToContract(), "validation", ct);

    /// <summary>Places a marker; the same key and payload on every delivery of one request (R-IC5).</summary>
    public async Task<MarkerPlacement> PlaceMarkerAsync(string payload, string idempotencyKey, CancellationToken ct)
    {
        var reply = await PostAsync<MarkerAnswerBody>("markers.place", "dvla/v1/markers", MarkerPayload.Content(payload), AgencyCallKind.Command, idempotencyKey, ct);
        if (reply is { IsSuccess: true, Body: { } body })
        {
            return new MarkerPlacement(MarkerPlacementOutcome.Placed, body.MarkerId, "", reply.Replayed, reply.Attempts);
        }
        var problem = reply.Problem ?? AgencyProblem.Unknown;
        if (reply.Status == HttpStatusCode.Conflict && problem.Code == "marker-already-present"
            && problem.ExistingMarkerId is { } existing && AgencyIdentifiers.MarkerIdPattern().IsMatch(existing))
        {
            return new MarkerPlacement(MarkerPlacementOutcome.AlreadyPresent, existing, "", false, reply.Attempts);
        }
        return new MarkerPlacement(MarkerPlacementOutcome.Rejected, "", Reason(problem, reply.Status), false, reply.Attempts);
    }

    internal static string Reason(AgencyProblem problem, HttpStatusCode status) =>
        problem.Title.Length > 0 ? $"{problem.Code}: {problem.Title}" : $"{problem.Code} (HTTP {(int)status})";

    private sealed class LicenceAnswer : IAgencyAnswer
    {
        public required string LicenceNumber { get; set; }
        public required string Status { get; set; }
        public string? LicenceType { get; set; }
        public required NameAnswer Holder { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public List<EntitlementAnswer>? Entitlements { get; set; }
        public List<System.Text.Json.JsonElement>? Endorsements { get; set; }
        public List<MarkerAnswer>? Markers { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("licenceNumber", LicenceNumber, AgencyIdentifiers.DrivingLicencePattern());
            check.Code("status", Status);
            check.Code("licenceType", LicenceType, optional: true);
            Holder.Validate(check, "holder");
            check.Date("validFrom", ValidFrom, optional: true);
            check.Date("validTo", ValidTo, optional: true);
            foreach (var e in check.Items("entitlements", Entitlements, 40))
            {
                check.Text("entitlements[].category", e.Category, 4);
            }
            check.Items("endorsements", Endorsements, 50);
            foreach (var m in check.Items("markers", Markers, 20))
            {
                m.Validate(check, "markers[]");
            }
        }

        public Contracts.Identity.V1.DrivingLicence ToContract()
        {
            var licence = new Contracts.Identity.V1.DrivingLicence
            {
                DrivingLicenceNumber = LicenceNumber,
                Status = Status,
                LicenceType = LicenceType ?? "",
                HolderName = Holder.ToName(),
                HolderDateOfBirth = AnswerMapping.ToDate(Holder.DateOfBirth),
                ValidFrom = AnswerMapping.ToDate(ValidFrom),
                ValidTo = AnswerMapping.ToDate(ValidTo),
                EndorsementCount = Endorsements?.Count ?? 0,
            };
            licence.EntitlementCategories.AddRange((Entitlements ?? []).Select(e => e.Category));
            licence.Markers.AddRange((Markers ?? []).Select(m => m.ToContract()));
            return licence;
        }
    }

    private sealed class EntitlementAnswer
    {
        public required string Category { get; set; }
    }

    private sealed class MarkerAnswerBody : IAgencyAnswer
    {
        public required string MarkerId { get; set; }
        public required string Status { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("markerId", MarkerId, AgencyIdentifiers.MarkerIdPattern());
            if (Status != "PLACED")
            {
                check.Fail("status", "is not PLACED");
            }
        }
    }
}
