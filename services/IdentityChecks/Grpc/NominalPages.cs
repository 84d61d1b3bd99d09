using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Storage;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// The list RPCs of this service: a nominal's records of one kind in the caller's force, a page
/// at a time (AIP-158), the read audited as a consultation of the nominal.
/// </summary>
internal static class NominalPages
{
    public static Task<Page<T>> ListAsync<T>(
        RecordAccess records, CallScope call, INominalRecords<T> store, string collection, string nominal, int pageSize, string pageToken)
        where T : class, INominalRecord
    {
        var nominalId = NominalNames.Parse(nominal, "nominal");
        return records.ListAsync(call, new PageRequest(pageSize, pageToken), $"{collection}:{call.Force}:{nominalId}",
            (s, before, limit) => store.ListForNominalAsync(s, call.Force, nominalId, before, limit), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), call.Force));
    }
}
