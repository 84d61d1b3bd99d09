using System.Globalization;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.Platform.Feeds;

namespace OffenderRisk.Interventions.Nominals;

/// <summary>
/// R-RM4: placement on reactive management leaves the plan's review date blank. Follows the
/// nominals feed (with the erasure and transfer handler, on the one consumer "interventions"): on
/// NOMINAL_EVENT_TYPE_STATUS_CHANGED to MANAGEMENT_STATUS_REACTIVE, the review date of the
/// nominal's current countersigned police plan is cleared, audited as an alteration by the feed
/// worker, in the unit of work that records the applied position. A plan already without one is
/// left alone, so a replay changes nothing.
/// </summary>
public sealed class PlanReviewOnReactiveHandler(PlanStore store, RecordAccess records, TimeProvider clock) : IFeedHandler<NominalEventType>
{
    private const string Worker = "interventions-nominal-feed";

    public bool Handles(NominalEventType type) => type == NominalEventType.StatusChanged;

    public async Task ApplyAsync(Session session, FeedEvent<NominalEventType> e)
    {
        if (e.RequiredCode<ManagementStatus>("status") != ManagementStatus.Reactive)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var plan in await store.ListCurrentAsync(session, e.ForceCode, e.NominalId, Domain.PlanKind.Police))
        {
            if (PlanLifecycle.ClearReviewDateOnReactive(plan, now) is { } cleared)
            {
                var written = await RecordAccess.WriteAsync(session, store, plan, cleared, now);
                var actor = AuditActor.System(Worker, written.ForceCode, "ClearPlanReviewDate") with
                {
                    Justification = "nominal event " + e.Sequence.ToString(CultureInfo.InvariantCulture),
                };
                await records.AuditAsync(session, CallScope.ForSystem(actor, session.CancellationToken), AuditOperation.Alteration, written);
            }
        }
    }
}
