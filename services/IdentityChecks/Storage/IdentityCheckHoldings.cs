namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>
/// Everything this service keeps about a nominal, erased with it (R-AU1) or moved to the force it
/// is transferred to: the outbox first (its rows name marker requests and credential checks by id),
/// then the marker requests with their passport and licence numbers, the credential checks, the
/// stored agency answers and the yearly check sets, each with the idempotency keys that name them.
/// </summary>
public sealed class IdentityCheckHoldings(
    OutboxStore outbox, MarkerRequestStore markers, CredentialCheckStore checks, EnquiryStore enquiries, CheckSetStore checkSets) : INominalHoldings
{
    private IEnumerable<INominalHoldings> Records => [markers, checks, enquiries, checkSets];

    public async Task<int> EraseNominalAsync(Session session, string nominalId)
    {
        var erased = await outbox.EraseNominalAsync(session, nominalId);
        foreach (var table in Records)
        {
            erased += await table.EraseNominalAsync(session, nominalId);
        }
        return erased;
    }

    public async Task<int> MoveNominalAsync(Session session, string nominalId, string force)
    {
        var moved = await outbox.MoveNominalAsync(session, nominalId, force);
        foreach (var table in Records)
        {
            moved += await table.MoveNominalAsync(session, nominalId, force);
        }
        return moved;
    }
}
