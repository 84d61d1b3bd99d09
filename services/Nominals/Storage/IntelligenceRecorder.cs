using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// The one way intelligence and non-cooperation are recorded, in the caller's unit of work, for
/// IntelligenceService and for a home visit's outcome alike: intelligence routed at once to the
/// MOSOVO officer (R-ID2, urgent to the supervisors too, R-ID3), and non-cooperation flagging the
/// nominal for review, on the change feed and in the officer's queue (R-MG7).
/// </summary>
public sealed class IntelligenceRecorder(NominalStore nominals, IntelligenceStore intelligence, WorkItemStore workItems, NominalChangeWriter changes)
{
    /// <summary>Attempts at a change that lost an optimistic-concurrency race on the nominal.</summary>
    private const int MaxAttempts = 3;

    /// <summary>Recorded intelligence and the work items it was routed as.</summary>
    public sealed record RecordedIntelligence(IntelligenceRecord Record, IReadOnlyList<IntelligenceWorkItem> Routes);

    /// <summary>Recorded non-cooperation, the work item it opened and the nominal as flagged (and written).</summary>
    public sealed record RecordedNonCooperation(NonCooperationRecord Record, WorkItemRecord WorkItem, NominalRecord Nominal);

    /// <summary>R-ID2, R-ID3, R-ID4: stores the intelligence and routes it (<see cref="IntelligenceRouter"/>).</summary>
    public async Task<RecordedIntelligence> RecordIntelligenceAsync(Session s, NominalRecord nominal, IntelligenceDetails details,
        string recordedBy, string recorderForce, DateTimeOffset now)
    {
        var record = new IntelligenceRecord(RequestIds.NewId(now), nominal.Id, details, recordedBy, recorderForce, now, null);
        await intelligence.InsertAsync(s, record);
        var routes = IntelligenceRouter.WorkItemsFor(nominal, details.RiskOfSeriousHarm);
        foreach (var route in routes)
        {
            await workItems.InsertAsync(s, WorkItemRecord.Open(RequestIds.NewId(now), nominal, WorkItemKind.Intelligence, route.Urgent, route.Route,
                record.ResourceName, ProtoEnums.OriginalName((Contract.IntelligenceSource)details.Source), recordedBy, now));
        }
        return new RecordedIntelligence(record, routes);
    }

    /// <summary>
    /// R-MG7: stores the non-cooperation, flags the nominal for review (a change of the nominal,
    /// on the feed) and opens a work item for its MOSOVO officer.
    /// </summary>
    public async Task<RecordedNonCooperation> RecordNonCooperationAsync(Session s, NominalRecord nominal, NonCooperationKind kind, string details,
        DateTimeOffset occurTime, string recordedBy, DateTimeOffset now)
    {
        var record = new NonCooperationRecord(RequestIds.NewId(now), nominal.Id, kind, details, occurTime, recordedBy, now);
        await intelligence.InsertNonCooperationAsync(s, record);
        var (flagged, _) = await ChangeNominalAsync(s, recordedBy, nominal, now, n => n.RecordNonCooperation(kind, record.ResourceName));
        var item = WorkItemRecord.Open(RequestIds.NewId(now), flagged, WorkItemKind.NonCooperation, urgent: false, WorkItemRoute.ToOfficerOf(flagged),
            record.ResourceName, ChangeFeed.OriginalName(kind), recordedBy, now);
        await workItems.InsertAsync(s, item);
        return new RecordedNonCooperation(record, item, flagged);
    }

    /// <summary>
    /// Writes a change the nominal makes to itself as a side effect of another record (no etag was
    /// sent for it: a concurrent change makes the loser retry, <see cref="RetryOnConcurrentChangeAsync{T}"/>),
    /// with every effect of the change (NominalChangeWriter), in the same unit of work.
    /// </summary>
    public async Task<(NominalRecord Written, NominalChange Change)> ChangeNominalAsync(
        Session s, string actingUser, NominalRecord nominal, DateTimeOffset now, Func<NominalRecord, NominalChange> change)
    {
        var changed = change(nominal);
        var written = await RecordAccess.WriteAsync(s, nominals, nominal, changed.Nominal, now);
        await changes.ApplyAsync(s, written, changed, actingUser, now);
        return (written, changed);
    }

    /// <summary>
    /// Runs a change again when a concurrent change to the nominal won the race (the repeat reads
    /// it afresh). The caller sent no etag for the nominal, so that race is ours to retry; after
    /// <see cref="MaxAttempts"/> it is ABORTED. (A concurrent create with the same request_id is
    /// IdempotentCreate's to retry.)
    /// </summary>
    public static async Task<T> RetryOnConcurrentChangeAsync<T>(Func<Task<T>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (EtagMismatchException) when (n < MaxAttempts)
            {
            }
        }
    }
}
