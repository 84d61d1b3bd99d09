using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Turns a planned visit and a recorded outcome as sent into validated values, naming every bad
/// field by its path in the request (never its value, which may be personal data).
/// </summary>
public static class HomeVisitValidation
{
    public const int MaxPurposeLength = 1000;
    public const int MaxTextLength = Validator.DefaultMaxTextLength;

    /// <summary>A planned visit: a date not before today (and at most two years ahead), an officer's user id or none, a purpose.</summary>
    public static (DateOnly PlannedDate, string Officer, string Purpose) ValidatePlan(Contract.HomeVisit? visit, string prefix, DateOnly today)
    {
        var v = new Validator();
        var h = visit ?? new Contract.HomeVisit();
        var planned = NominalValidation.ValidateDate(v, h.PlannedDate, $"{prefix}.planned_date", required: true);
        v.Check(planned is null || planned >= today, $"{prefix}.planned_date", "must not be before today")
         .Check(planned is null || planned <= today.AddYears(2), $"{prefix}.planned_date", "must be within two years")
         .Check(h.Officer.Length == 0 || Identifiers.IsUserId(h.Officer), $"{prefix}.officer", "must be an officer's user id (2-64 letters, digits, '.', '_' or '-') or empty")
         .MaxLength($"{prefix}.purpose", h.Purpose, MaxPurposeLength)
         .ThrowIfInvalid();
        return (planned!.Value, h.Officer, h.Purpose);
    }

    /// <summary>
    /// An outcome: COMPLETED, REFUSED_ENTRY, NO_ACCESS or CANCELLED; the visit time (required except
    /// for CANCELLED, never in the future); observations; a note at the door (required for
    /// REFUSED_ENTRY and CANCELLED); the etag.
    /// </summary>
    public static (HomeVisitOutcome Outcome, long Etag) ValidateOutcome(RecordHomeVisitOutcomeRequest request, DateTimeOffset now)
    {
        var v = new Validator();
        v.DefinedEnum("outcome", request.Outcome)
         .Check(request.Outcome == Contract.HomeVisitState.Unspecified || HomeVisitOutcome.IsOutcome((Domain.HomeVisitState)request.Outcome), "outcome",
             "must be COMPLETED, REFUSED_ENTRY, NO_ACCESS or CANCELLED");
        var cancelled = request.Outcome == Contract.HomeVisitState.Cancelled;
        DateTimeOffset? visitTime = cancelled && request.VisitTime is null
            ? null
            : IntelligenceValidation.PastTime(v, request.VisitTime, "visit_time", now);
        v.MaxLength("observations", request.Observations, MaxTextLength)
         .MaxLength("outcome_note", request.OutcomeNote, MaxTextLength);
        if (request.Outcome == Contract.HomeVisitState.RefusedEntry)
        {
            v.Required("outcome_note", request.OutcomeNote, NonCooperationReview.RuleId);
        }
        else if (cancelled)
        {
            v.Required("outcome_note", request.OutcomeNote);
        }
        var etag = Etag.Require(request.Etag, v, "etag", "home visit");
        v.ThrowIfInvalid();
        return (new HomeVisitOutcome((Domain.HomeVisitState)request.Outcome, visitTime, request.Observations, request.OutcomeNote), etag);
    }
}
