using System.Text.Json;
using OffenderRisk.Assessments.Domain;

namespace OffenderRisk.Assessments.Storage;

/// <summary>
/// Acute-factor recordings (R-AS9), one row each, never changed once written. Erased with their
/// nominal and moved with it on a transfer (<see cref="INominalHoldings"/>). Every method runs
/// inside the caller's transaction.
/// </summary>
public sealed class AcuteFactorStore() : RecordTable<AcuteFactorRecord, AcuteFactorStore.AcuteFactorRow>("acute_factor_records", TableColumns)
{
    private const string TableColumns = "id, force_code, nominal_id, occasion, assessment_id, home_visit, entries, recorded_by, record_time";

    public sealed class AcuteFactorRow : IStoredRow<AcuteFactorRecord, AcuteFactorRow>
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Occasion { get; set; }
        public string? AssessmentId { get; set; }
        public string? HomeVisit { get; set; }
        public string Entries { get; set; } = "[]";
        public string RecordedBy { get; set; } = "";
        public string RecordTime { get; set; } = "";

        public static AcuteFactorRow From(AcuteFactorRecord r) => new()
        {
            Id = r.Id,
            ForceCode = r.ForceCode,
            NominalId = r.NominalId,
            Occasion = (long)r.Details.Occasion,
            AssessmentId = r.Details.AssessmentId,
            HomeVisit = r.Details.HomeVisit,
            Entries = JsonSerializer.Serialize(r.Details.Entries),
            RecordedBy = r.RecordedBy,
            RecordTime = StoredTime.Format(r.RecordTime),
        };

        public AcuteFactorRecord ToRecord() => new(
            Id,
            ForceCode,
            new AcuteFactorDetails(
                NominalId,
                (AcuteFactorOccasion)Occasion,
                AssessmentId,
                HomeVisit,
                JsonSerializer.Deserialize<AcuteFactorEntry[]>(Entries) ?? []),
            RecordedBy,
            StoredTime.Parse(RecordTime));
    }
}
