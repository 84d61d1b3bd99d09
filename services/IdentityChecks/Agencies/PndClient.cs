using System.Net;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// Police National Database: intelligence search by PNC ID. No match is a successful search
/// with no records, not a failure. Contract: deploy/stubs/pnd/README.md.
/// </summary>
public sealed class PndClient(HttpClient http, IOptionsMonitor<AgencyOptions> options, ServiceTelemetry telemetry, TimeProvider clock, ILogger<PndClient> logger)
    : AgencyClient(http, options.Get(AgencyNames.Key(Agency.Pnd)), telemetry, clock, logger)
{
    /// <summary>How many records to ask for at most.</summary>
    public const int MaxResults = 25;

    protected override Agency Agency => Agency.Pnd;

    /// <summary>The search result, with provenance left for the caller to fill in.</summary>
    public async Task<AgencyLookup<SearchPndIntelligenceResponse>> SearchAsync(string pncId, CancellationToken ct)
    {
        var body = Json(new { subject = new { pncId }, purpose = "PUBLIC_PROTECTION", maxResults = MaxResults });
        var reply = await PostAsync<SearchAnswer>("intelligence.search", "pnd/v1/intelligence/search", body, AgencyCallKind.ReadOnlyQuery, null, ct);
        if (reply is { IsSuccess: true, Body: { } answer })
        {
            return new(true, answer.ToContract(), reply.Attempts);
        }
        throw new AgencyUnavailableException(Agency.Pnd, AgencyFailureKind.Unavailable,
            $"PND refused the search (HTTP {(int)reply.Status}, {reply.Problem?.Code ?? "unknown"}).", null, reply.Attempts);
    }

    private sealed class SearchAnswer : IAgencyAnswer
    {
        public string? SubjectPncId { get; set; }
        public required int TotalMatches { get; set; }
        public bool Truncated { get; set; }
        public required List<RecordAnswer> Results { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("subjectPncId", SubjectPncId, AgencyIdentifiers.PncIdPattern(), optional: true);
            if (TotalMatches < 0 || TotalMatches < Results.Count)
            {
                check.Fail("totalMatches", "is inconsistent with the results");
            }
            foreach (var r in check.Items("results", Results, MaxResults))
            {
                check.Text("results[].recordId", r.RecordId, 60);
                check.Code("results[].recordType", r.RecordType);
                check.Text("results[].owningForce", r.OwningForce, 100, optional: true);
                check.Date("results[].recordedOn", r.RecordedOn, optional: true);
                if (r.Grading is { } g)
                {
                    check.Text("results[].grading.sourceEvaluation", g.SourceEvaluation, 2);
                    check.Text("results[].grading.intelligenceAssessment", g.IntelligenceAssessment, 2);
                    check.Text("results[].grading.handlingCode", g.HandlingCode, 2);
                }
                foreach (var basis in check.Items("results[].matchBasis", r.MatchBasis, 10))
                {
                    check.Code("results[].matchBasis[]", basis);
                }
                check.Text("results[].summary", r.Summary, AnswerCheck.MaxSummary, optional: true);
            }
        }

        public SearchPndIntelligenceResponse ToContract()
        {
            var response = new SearchPndIntelligenceResponse { TotalMatches = TotalMatches, Truncated = Truncated };
            response.Records.AddRange(Results.Select(r =>
            {
                var record = new PndRecord
                {
                    RecordId = r.RecordId,
                    RecordType = r.RecordType,
                    OwningForce = r.OwningForce ?? "",
                    RecordedDate = AnswerMapping.ToDate(r.RecordedOn),
                    Grading = r.Grading is { } g ? $"{g.SourceEvaluation}{g.IntelligenceAssessment} {g.HandlingCode}" : "",
                    Summary = r.Summary ?? "",
                };
                record.MatchBasis.AddRange(r.MatchBasis ?? []);
                return record;
            }));
            return response;
        }
    }

    private sealed class RecordAnswer
    {
        public required string RecordId { get; set; }
        public required string RecordType { get; set; }
        public string? OwningForce { get; set; }
        public string? RecordedOn { get; set; }
        public GradingAnswer? Grading { get; set; }
        public List<string>? MatchBasis { get; set; }
        public string? Summary { get; set; }
    }

    private sealed class GradingAnswer
    {
        public required string SourceEvaluation { get; set; }
        public required string IntelligenceAssessment { get; set; }
        public required string HandlingCode { get; set; }
    }
}
