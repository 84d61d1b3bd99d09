namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>A stored, validated agency answer (never the raw bytes).</summary>
public sealed record EnquiryRecord(
    string Id, string NominalId, string ForceCode, Agency Agency, string Operation, string SubjectKey,
    EnquiryGround Ground, bool Found, string Result, string EnquiredBy, DateTimeOffset AnswerTime) : INominalRecord
{
    public string ResourceName => EnquiryNames.Format(Id);
}
