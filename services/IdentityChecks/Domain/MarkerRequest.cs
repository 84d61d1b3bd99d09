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
    string Payload) : INominalRecord
{
    public string ResourceName => MarkerRequestNames.Format(Id);

    public string Nominal => NominalNames.Format(NominalId);

    /// <summary>A new request: PENDING, due for delivery at once, with its key and payload fixed.</summary>
    public static MarkerRequestRecord Create(string id, string nominalId, string force, Agency agency, EnquiryGround ground,
        string documentNumber, string requestedBy, string payload, DateTimeOffset now) =>
        new(id, nominalId, force, agency, ground, documentNumber, MarkerRequestState.Pending,
            "", "", "", 0, "", now, requestedBy, now, now, null, Guid.NewGuid().ToString("D"), payload);

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
