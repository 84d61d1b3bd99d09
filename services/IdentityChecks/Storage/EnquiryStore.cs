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

    /// <summary>
    /// Claims the enquiry (force, nominal, deduplication key) for asking the agency until
    /// <paramref name="until"/>: true when there was no claim or the last one lapsed. A concurrent
    /// claim of the same enquiry, from any replica, waits on the key and then finds it taken.
    /// </summary>
    public async Task<bool> TryClaimAsync(Session session, string force, string nominalId, string subjectKey, DateTimeOffset now, DateTimeOffset until) =>
        await session.ExecuteAsync(
            """
            INSERT INTO enquiry_claims (force_code, nominal_id, subject_key, claimed_until) VALUES (@force, @nominalId, @subjectKey, @until)
            ON CONFLICT (force_code, nominal_id, subject_key) DO UPDATE SET claimed_until = excluded.claimed_until
            WHERE enquiry_claims.claimed_until <= @now
            """, new { force, nominalId, subjectKey, now = StoredTime.Format(now), until = StoredTime.Format(until) }) == 1;

    /// <summary>Ends a claim once its answer is stored (or the agency could not give one).</summary>
    public Task ReleaseClaimAsync(Session session, string force, string nominalId, string subjectKey) =>
        session.ExecuteAsync(
            "DELETE FROM enquiry_claims WHERE force_code = @force AND nominal_id = @nominalId AND subject_key = @subjectKey",
            new { force, nominalId, subjectKey });

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
