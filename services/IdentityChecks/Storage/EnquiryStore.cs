using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>Agency enquiry rows.</summary>
public sealed class EnquiryStore() : RecordTable<EnquiryRecord, EnquiryStore.Row>("agency_enquiries",
    "id, nominal_id, force_code, agency, operation, subject_key, ground, found, result, enquired_by, answer_time")
{
    /// <summary>The newest answer to the same enquiry about the same nominal at or after <paramref name="since"/> (R-IC3).</summary>
    public Task<EnquiryRecord?> FindFreshAsync(Session session, string force, string nominalId, string subjectKey, DateTimeOffset since) =>
        FindOneAsync(session,
            $"""
            SELECT {Columns} FROM {Table}
            WHERE force_code = @force AND nominal_id = @nominalId AND subject_key = @subjectKey AND answer_time >= @since
            ORDER BY answer_time DESC
            LIMIT 1
            """, new { force, nominalId, subjectKey, since = StoredTime.Format(since) });

    public sealed class Row : IStoredRow<EnquiryRecord, Row>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Agency { get; set; }
        public string Operation { get; set; } = "";
        public string SubjectKey { get; set; } = "";
        public long Ground { get; set; }
        public long Found { get; set; }
        public string Result { get; set; } = "";
        public string EnquiredBy { get; set; } = "";
        public string AnswerTime { get; set; } = "";

        public static Row From(EnquiryRecord e) => new()
        {
            Id = e.Id, NominalId = e.NominalId, ForceCode = e.ForceCode, Agency = (long)e.Agency, Operation = e.Operation,
            SubjectKey = e.SubjectKey, Ground = (long)e.Ground, Found = e.Found ? 1 : 0, Result = e.Result,
            EnquiredBy = e.EnquiredBy, AnswerTime = StoredTime.Format(e.AnswerTime),
        };

        public EnquiryRecord ToRecord() => new(Id, NominalId, ForceCode, (Agency)Agency, Operation, SubjectKey, (EnquiryGround)Ground,
            Found != 0, Result, EnquiredBy, StoredTime.Parse(AnswerTime));
    }
}
