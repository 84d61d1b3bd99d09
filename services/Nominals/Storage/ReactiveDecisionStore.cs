using System.Text.Json;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Reactive management decisions (R-RM1 to R-RM4, R-RM7), one row each, on the platform's
/// <see cref="RecordTable{TRecord, TRow}"/>. The force is read from the decision's nominal (the
/// nominals table), never copied onto the row, so a transfer takes the decisions along; erasing
/// the nominal (R-AU1) removes them with the idempotency keys naming them. Every method runs in the
/// caller's unit of work.
/// </summary>
public sealed class ReactiveDecisionStore()
    : RecordTable<ReactiveDecisionRecord, ReactiveDecisionStore.Row>("reactive_decisions", TableColumns, forceFromNominalsTable: "nominals"),
      IRecordStore<ReactiveDecisionRecord>, IErasureParticipant
{
    private const string TableColumns =
        "id, nominal_id, force_code, state, reasons, professional_judgement, criteria, window_start, pending_discharge_exception, "
        + "return_after_significant_change, proposed_by, propose_time, decided_by, decide_time, rejection_reason, update_time, version";

    /// <summary>Writes what a decision changes (its state, criteria and decision) if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, ReactiveDecisionRecord updated, long expectedVersion)
    {
        var row = Row.From(updated);
        return await session.ExecuteAsync(
            """
            UPDATE reactive_decisions SET state = @State, criteria = @Criteria, window_start = @WindowStart,
                pending_discharge_exception = @PendingDischargeException, return_after_significant_change = @ReturnAfterSignificantChange,
                decided_by = @DecidedBy, decide_time = @DecideTime, rejection_reason = @RejectionReason, update_time = @UpdateTime,
                version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                row.State, row.Criteria, row.WindowStart, row.PendingDischargeException, row.ReturnAfterSignificantChange, row.DecidedBy,
                row.DecideTime, row.RejectionReason, row.UpdateTime, row.Version, row.Id, ExpectedVersion = expectedVersion,
            }) == 1;
    }

    public Task EraseAsync(Session session, string nominalId) => EraseNominalAsync(session, nominalId);

    public sealed class Row : IStoredRow<ReactiveDecisionRecord, Row>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long State { get; set; }
        public string Reasons { get; set; } = "[]";
        public string ProfessionalJudgement { get; set; } = "";
        public string Criteria { get; set; } = "[]";
        public string WindowStart { get; set; } = "";
        public long PendingDischargeException { get; set; }
        public long ReturnAfterSignificantChange { get; set; }
        public string ProposedBy { get; set; } = "";
        public string ProposeTime { get; set; } = "";
        public string DecidedBy { get; set; } = "";
        public string DecideTime { get; set; } = "";
        public string RejectionReason { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static Row From(ReactiveDecisionRecord r) => new()
        {
            Id = r.Id,
            NominalId = r.NominalId,
            ForceCode = r.ForceCode,
            State = (long)r.State,
            Reasons = JsonSerializer.Serialize(r.Reasons),
            ProfessionalJudgement = r.Judgement is null ? "" : JsonSerializer.Serialize(r.Judgement),
            Criteria = JsonSerializer.Serialize(r.Criteria),
            WindowStart = StoredTime.FormatDate(r.WindowStart),
            PendingDischargeException = r.PendingDischargeException ? 1 : 0,
            ReturnAfterSignificantChange = r.ReturnAfterSignificantChange ? 1 : 0,
            ProposedBy = r.ProposedBy,
            ProposeTime = StoredTime.Format(r.ProposeTime),
            DecidedBy = r.DecidedBy,
            DecideTime = StoredTime.Format(r.DecideTime) ?? "",
            RejectionReason = r.RejectionReason,
            UpdateTime = StoredTime.Format(r.UpdateTime),
            Version = r.Version,
        };

        public ReactiveDecisionRecord ToRecord() => new(
            Id,
            NominalId,
            ForceCode,
            (ReactiveDecisionState)State,
            JsonSerializer.Deserialize<string[]>(Reasons) ?? [],
            ProfessionalJudgement.Length == 0 ? null : JsonSerializer.Deserialize<ProfessionalJudgement>(ProfessionalJudgement),
            JsonSerializer.Deserialize<CriterionResult[]>(Criteria) ?? [],
            StoredTime.ParseDate(WindowStart),
            PendingDischargeException != 0,
            ReturnAfterSignificantChange != 0,
            ProposedBy,
            StoredTime.Parse(ProposeTime),
            DecidedBy,
            StoredTime.ParseOptional(DecideTime),
            RejectionReason,
            StoredTime.Parse(UpdateTime),
            Version);
    }
}
