using System.Globalization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// A service's records about a nominal follow the nominal. Erased: every holding deletes what it
/// keeps about it, and the service's log gets one erasure entry (R-AU1) in the same unit of work.
/// Transferred: every holding gives its rows to the receiving force, logged as a disclosure by the
/// sending force and a collection by the receiving one (as the nominals service logs the move).
/// </summary>
public sealed class NominalHoldingsHandler(IEnumerable<INominalHoldings> holdings, RecordAccess records, string consumer)
    : IFeedHandler<NominalEventType>
{
    public const string PreviousForce = "previous_force";

    public bool Handles(NominalEventType type) => type is NominalEventType.Erased or NominalEventType.Transferred;

    public async Task ApplyAsync(Session session, FeedEvent<NominalEventType> e)
    {
        var subject = NominalNames.Format(e.NominalId);
        switch (e.Type)
        {
            case NominalEventType.Erased:
                foreach (var holding in holdings)
                {
                    await holding.EraseNominalAsync(session, e.NominalId);
                }
                await records.AuditAsync(session, SystemCall(e, e.ForceCode, "EraseNominal", session),
                    new AuditEvent(AuditOperation.Erasure, subject, e.ForceCode));
                break;
            case NominalEventType.Transferred:
                var previous = e.Required(PreviousForce);
                foreach (var holding in holdings)
                {
                    await holding.MoveNominalAsync(session, e.NominalId, e.ForceCode);
                }
                await records.AuditAsync(session, SystemCall(e, previous, "TransferNominal", session),
                    new AuditEvent(AuditOperation.Disclosure, subject, previous, [e.ForceCode]));
                await records.AuditAsync(session, SystemCall(e, e.ForceCode, "TransferNominal", session),
                    new AuditEvent(AuditOperation.Collection, subject, e.ForceCode));
                break;
        }
    }

    /// <summary>The consumer acting for the force concerned; the justification names the feed event that caused it.</summary>
    private CallScope SystemCall(FeedEvent<NominalEventType> e, string force, string operation, Session session)
    {
        var actor = AuditActor.System(consumer + "-nominal-feed", force, operation) with
        {
            Justification = "nominal event " + e.Sequence.ToString(CultureInfo.InvariantCulture),
        };
        return CallScope.ForSystem(actor, session.CancellationToken);
    }
}
