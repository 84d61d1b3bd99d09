namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Writes what a change of a nominal causes besides the nominal itself, in the change's unit of
/// work: its feed events, its obligations ledger entries (R-MR4) and the work items it opens. The
/// one place every path that changes a nominal goes through after writing it, and so where a
/// change that made management active, by whichever path (a user's status change, a return from
/// reactive management), raises the duties of active management (R-MG3, R-MR4: see
/// NominalRecord.ManagementDutiesOf), and one that made it reactive waives the visits (R-RM5).
/// </summary>
public sealed class NominalChangeWriter(ChangeFeed feed, ObligationLedger ledger, WorkItemStore workItems, ManagedObligationSchedule managed)
{
    /// <param name="s">The change's unit of work.</param>
    /// <param name="written">The nominal as written (stamped with its new version).</param>
    /// <param name="change">The domain's change.</param>
    /// <param name="actingUser">Who made the change (recorded on the work items it opens).</param>
    /// <param name="now">When.</param>
    public async Task ApplyAsync(Session s, NominalRecord written, NominalChange change, string actingUser, DateTimeOffset now)
    {
        await feed.PublishAsync(s, written, change.Events);
        await ledger.ApplyAsync(s, written, [.. change.LedgerEntries, .. NominalRecord.ManagementDutiesOf(change, managed, actingUser, now)], now);
        foreach (var item in change.WorkItemsToOpen)
        {
            await workItems.InsertAsync(s, WorkItemRecord.Open(RequestIds.NewId(now), written, item.Kind, item.Urgent,
                WorkItemRoute.ToOfficerOf(written), item.Reference, ChangeFeed.OriginalName(item.SummaryCode), actingUser, now));
        }
    }
}
