using Google.Protobuf.WellKnownTypes;
using OffenderRisk.IdentityChecks.Enquiries;
using Contract = OffenderRisk.Contracts.Identity.V1;

namespace OffenderRisk.IdentityChecks.Grpc;

internal static class EnquiryProvenanceMapping
{
    /// <summary>Where an answer came from: the stored enquiry, the agency, and whether it was reused (R-IC3).</summary>
    public static Contract.EnquiryProvenance ToProvenance<T>(this EnquiryAnswer<T> answer) where T : class => new()
    {
        Enquiry = answer.Record.ResourceName,
        Agency = (Contract.Agency)answer.Record.Agency,
        Deduplicated = answer.Deduplicated,
        AnswerTime = Timestamp.FromDateTimeOffset(answer.Record.AnswerTime),
        EnquiredBy = answer.Record.EnquiredBy,
    };
}
