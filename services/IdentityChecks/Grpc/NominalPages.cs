using OffenderRisk.IdentityChecks.Nominals;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// The list RPCs of this service: a nominal's records of one kind, a page at a time (AIP-158).
/// The nominal is first confirmed with the nominals service, so another force's nominal is
/// NOT_FOUND here as everywhere, and the read is audited as a consultation of the nominal.
/// </summary>
internal static class NominalPages
{
    public static async Task<Page<T>> ListAsync<T>(
        RecordAccess records, NominalDirectory nominals, CallScope call, INominalRecords<T> store, string collection, string nominal,
        int pageSize, string pageToken)
        where T : class, INominalRecord
    {
        await nominals.GetAsync(call, NominalNames.Parse(nominal, "nominal"));
        return await records.ListForNominalAsync(call, store, collection, nominal, "nominal", new PageRequest(pageSize, pageToken));
    }
}
