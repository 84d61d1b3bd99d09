using OffenderRisk.Platform.Feeds;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Storage;

/// <summary>
/// The interventions change feed (plans and interventions) on the platform outbox: one event per
/// countersigned plan version, completed plan action, breach and status change, written in the
/// transaction of the change. The event's record is the subject's full resource name
/// ("plans/{id}" or "interventions/{id}"), since the feed carries two kinds of record.
/// </summary>
public sealed class InterventionFeed(TimeProvider clock)
{
    public const string FeedName = "interventions";

    /// <summary>The outbox the events are written to and read from.</summary>
    public OutboxFeed Outbox { get; } = new(FeedName, clock);

    /// <summary>
    /// Writes one event about <paramref name="subject"/> (a resource name) of <paramref name="nominalId"/>
    /// in the session of the change; <paramref name="attributes"/> are ids and codes only, as the
    /// contract lists them for <paramref name="type"/>.
    /// </summary>
    public Task PublishAsync(Session session, Contract.InterventionEventType type, string subject, string nominalId, string forceCode,
        IReadOnlyDictionary<string, string> attributes) =>
        Outbox.PublishAsync(session, [new OutboxEntry((int)type, subject, nominalId, forceCode, attributes)]);
}
