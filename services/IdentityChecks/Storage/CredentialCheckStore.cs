using System.Text.Json;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Credential check rows.</summary>
public sealed class CredentialCheckStore() : RecordTable<CredentialCheckRecord, CredentialCheckStore.Row>("credential_checks",
    "id, nominal_id, force_code, ground, pnc_id, driving_licence_number, passport_number, observations, agency_results, discrepancies, "
    + "earlier_checks_compared, notification_state, work_item, checked_by, check_time")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public Task UpdateNotificationAsync(Session session, string id, NotificationState state, string workItem) =>
        session.ExecuteAsync(
            "UPDATE credential_checks SET notification_state = @state, work_item = @workItem WHERE id = @id",
            new { id, state = (long)state, workItem });

    public sealed class Row : IStoredRow<CredentialCheckRecord, Row>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Ground { get; set; }
        public string PncId { get; set; } = "";
        public string DrivingLicenceNumber { get; set; } = "";
        public string PassportNumber { get; set; } = "";
        public string Observations { get; set; } = "";
        public string AgencyResults { get; set; } = "[]";
        public string Discrepancies { get; set; } = "[]";
        public long EarlierChecksCompared { get; set; }
        public long NotificationState { get; set; }
        public string WorkItem { get; set; } = "";
        public string CheckedBy { get; set; } = "";
        public string CheckTime { get; set; } = "";

        public static Row From(CredentialCheckRecord r) => new()
        {
            Id = r.Id, NominalId = r.NominalId, ForceCode = r.ForceCode, Ground = (long)r.Ground, PncId = r.PncId,
            DrivingLicenceNumber = r.DrivingLicenceNumber, PassportNumber = r.PassportNumber,
            Observations = JsonSerializer.Serialize(r.Observations, Json), AgencyResults = JsonSerializer.Serialize(r.AgencyResults, Json),
            Discrepancies = JsonSerializer.Serialize(r.Discrepancies, Json), EarlierChecksCompared = r.EarlierChecksCompared,
            NotificationState = (long)r.NotificationState, WorkItem = r.WorkItem, CheckedBy = r.CheckedBy, CheckTime = StoredTime.Format(r.CheckTime),
        };

        public CredentialCheckRecord ToRecord() => new(Id, NominalId, ForceCode, (EnquiryGround)Ground, PncId, DrivingLicenceNumber, PassportNumber,
            JsonSerializer.Deserialize<CredentialObservations>(Observations, Json) ?? CredentialObservations.Empty,
            JsonSerializer.Deserialize<List<AgencyResultRecord>>(AgencyResults, Json) ?? [],
            JsonSerializer.Deserialize<List<CredentialDiscrepancy>>(Discrepancies, Json) ?? [],
            (int)EarlierChecksCompared, (NotificationState)NotificationState, WorkItem, CheckedBy, StoredTime.Parse(CheckTime));
    }
}
