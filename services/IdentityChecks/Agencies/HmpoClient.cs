using System.Net;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// HM Passport Office: Omnibase-style passport lookup and marker placement with an
/// Idempotency-Key. A marker already present is 200 with outcome ALREADY_PRESENT (not 409 as at
/// DVLA). Contract: deploy/stubs/hmpo/README.md.
/// </summary>
public sealed class HmpoClient(HttpClient http, IOptionsMonitor<AgencyOptions> options, ServiceTelemetry telemetry, TimeProvider clock, ILogger<HmpoClient> logger)
    : AgencyClient(http, options.Get(AgencyNames.Key(Agency.Hmpo)), telemetry, clock, logger)
{
    protected override Agency Agency => Agency.Hmpo;

    public Task<AgencyLookup<Contracts.Identity.V1.Passport>> LookupPassportAsync(string passportNumber, CancellationToken ct) =>
        LookupAsync<PassportAnswer, Contracts.Identity.V1.Passport>("passports.lookup", "hmpo/v1/omnibase/passports/lookup",
            new { passportNumber }, a => a.ToContract(), "lookup", ct);

    /// <summary>Places a marker; the same key and payload on every delivery of one request (R-IC5).</summary>
    public async Task<MarkerPlacement> PlaceMarkerAsync(string payload, string idempotencyKey, CancellationToken ct)
    {
        var reply = await PostAsync<MarkerAnswerBody>("markers.place", "hmpo/v1/markers", MarkerPayload.Content(payload), AgencyCallKind.Command, idempotencyKey, ct);
        if (reply is { IsSuccess: true, Body: { } body })
        {
            var outcome = body.Outcome == "ALREADY_PRESENT" ? MarkerPlacementOutcome.AlreadyPresent : MarkerPlacementOutcome.Placed;
            return new MarkerPlacement(outcome, body.MarkerId, "", reply.Replayed, reply.Attempts);
        }
        return new MarkerPlacement(MarkerPlacementOutcome.Rejected, "", DvlaClient.Reason(reply.Problem ?? AgencyProblem.Unknown, reply.Status), false, reply.Attempts);
    }

    private sealed class PassportAnswer : IAgencyAnswer
    {
        public required string PassportNumber { get; set; }
        public required string Status { get; set; }
        public required NameAnswer Holder { get; set; }
        public string? IssueDate { get; set; }
        public string? ExpiryDate { get; set; }
        public string? IssuingAuthority { get; set; }
        public List<string>? PreviousPassportNumbers { get; set; }
        public List<MarkerAnswer>? Markers { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("passportNumber", PassportNumber, AgencyIdentifiers.PassportPattern());
            check.Code("status", Status);
            Holder.Validate(check, "holder");
            check.Date("issueDate", IssueDate, optional: true);
            check.Date("expiryDate", ExpiryDate, optional: true);
            check.Text("issuingAuthority", IssuingAuthority, 100, optional: true);
            foreach (var previous in check.Items("previousPassportNumbers", PreviousPassportNumbers, 20))
            {
                check.Matches("previousPassportNumbers[]", previous, AgencyIdentifiers.PassportPattern());
            }
            foreach (var m in check.Items("markers", Markers, 20))
            {
                m.Validate(check, "markers[]");
            }
        }

        public Contracts.Identity.V1.Passport ToContract()
        {
            var passport = new Contracts.Identity.V1.Passport
            {
                PassportNumber = PassportNumber,
                Status = Status,
                HolderName = Holder.ToName(),
                HolderDateOfBirth = AnswerMapping.ToDate(Holder.DateOfBirth),
                PlaceOfBirth = Holder.PlaceOfBirth ?? "",
                IssueDate = AnswerMapping.ToDate(IssueDate),
                ExpiryDate = AnswerMapping.ToDate(ExpiryDate),
                IssuingAuthority = IssuingAuthority ?? "",
            };
            passport.PreviousPassportNumbers.AddRange(PreviousPassportNumbers ?? []);
            passport.Markers.AddRange((Markers ?? []).Select(m => m.ToContract()));
            return passport;
        }
    }

    private sealed class MarkerAnswerBody : IAgencyAnswer
    {
        public required string MarkerId { get; set; }
        public required string Outcome { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("markerId", MarkerId, AgencyIdentifiers.MarkerIdPattern());
            if (Outcome is not ("PLACED" or "ALREADY_PRESENT"))
            {
                check.Fail("outcome", "is not PLACED or ALREADY_PRESENT");
            }
        }
    }
}
