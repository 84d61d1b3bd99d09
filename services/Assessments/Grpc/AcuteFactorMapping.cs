using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Assessments.Domain;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>Acute-factor records to contract messages (R-AS9).</summary>
internal static class AcuteFactorMapping
{
    public static Contract.AcuteFactorRecord ToContract(this AcuteFactorRecord r) => new()
    {
        Name = r.ResourceName,
        Nominal = NominalNames.Format(r.NominalId),
        ForceCode = r.ForceCode,
        Occasion = (Contract.AcuteFactorOccasion)r.Details.Occasion,
        Assessment = r.Details.AssessmentId is { } assessmentId ? AssessmentNames.Format(assessmentId) : "",
        HomeVisit = r.Details.HomeVisit ?? "",
        Entries = { r.Details.Entries.Select(e => new Contract.AcuteFactorEntry { Factor = (Contract.AcuteFactor)e.Factor, Present = e.Present, Note = e.Note }) },
        RecordedBy = r.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime),
    };
}
