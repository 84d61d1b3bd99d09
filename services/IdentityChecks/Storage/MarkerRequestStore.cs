using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Marker request rows.</summary>
public sealed class MarkerRequestStore() : RecordTable<MarkerRequestRecord, MarkerRequestStore.Row>("marker_requests",
    "id, nominal_id, force_code, agency, ground, document_number, state, marker_id, agency_outcome, rejection_reason, attempts, "
    + "last_failure, next_attempt_time, requested_by, create_time, update_time, deliver_time, idempotency_key, payload")
{
    /// <summary>Writes the delivery state; the key and payload never change.</summary>
    public Task UpdateDeliveryAsync(Session session, MarkerRequestRecord m) =>
        session.ExecuteAsync(
            """
            UPDATE marker_requests SET state = @State, marker_id = @MarkerId, agency_outcome = @AgencyOutcome, rejection_reason = @RejectionReason,
                attempts = @Attempts, last_failure = @LastFailure, next_attempt_time = @NextAttemptTime, update_time = @UpdateTime, deliver_time = @DeliverTime
            WHERE id = @Id
            """, Row.From(m));

    public Task RecordAttemptAsync(Session session, string id, int attempts) =>
        session.ExecuteAsync("UPDATE marker_requests SET attempts = @attempts WHERE id = @id", new { id, attempts });

    public sealed class Row : IStoredRow<MarkerRequestRecord, Row>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Agency { get; set; }
        public long Ground { get; set; }
        public string DocumentNumber { get; set; } = "";
        public long State { get; set; }
        public string MarkerId { get; set; } = "";
        public string AgencyOutcome { get; set; } = "";
        public string RejectionReason { get; set; } = "";
        public long Attempts { get; set; }
        public string LastFailure { get; set; } = "";
        public string? NextAttemptTime { get; set; }
        public string RequestedBy { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public string? DeliverTime { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string Payload { get; set; } = "";

        public static Row From(MarkerRequestRecord m) => new()
        {
            Id = m.Id, NominalId = m.NominalId, ForceCode = m.ForceCode, Agency = (long)m.Agency, Ground = (long)m.Ground,
            DocumentNumber = m.DocumentNumber, State = (long)m.State, MarkerId = m.MarkerId, AgencyOutcome = m.AgencyOutcome,
            RejectionReason = m.RejectionReason, Attempts = m.Attempts, LastFailure = m.LastFailure,
            NextAttemptTime = StoredTime.Format(m.NextAttemptTime), RequestedBy = m.RequestedBy, CreateTime = StoredTime.Format(m.CreateTime),
            UpdateTime = StoredTime.Format(m.UpdateTime), DeliverTime = StoredTime.Format(m.DeliverTime), IdempotencyKey = m.IdempotencyKey,
            Payload = m.Payload,
        };

        public MarkerRequestRecord ToRecord() => new(Id, NominalId, ForceCode, (Agency)Agency, (EnquiryGround)Ground, DocumentNumber,
            (MarkerRequestState)State, MarkerId, AgencyOutcome, RejectionReason, (int)Attempts, LastFailure, StoredTime.ParseOptional(NextAttemptTime),
            RequestedBy, StoredTime.Parse(CreateTime), StoredTime.Parse(UpdateTime), StoredTime.ParseOptional(DeliverTime), IdempotencyKey, Payload);
    }
}
