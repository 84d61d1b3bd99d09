using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>One event of the nominals change feed as a consumer applies it: ids and codes only.</summary>
public sealed record FeedEvent(long Sequence, NominalEventType Type, string NominalId, string ForceCode, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>An attribute the event's type always carries; a missing one is a broken event, not a skipped one.</summary>
    public string Required(string attribute) =>
        Attributes.TryGetValue(attribute, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"Nominal event {Sequence} of type {Type} lacks its '{attribute}' attribute.");
}

/// <summary>
/// What a service does with the events of the nominals change feed it follows. <see cref="ApplyAsync"/>
/// runs in a unit of work of the service, together with the consumer's applied position, so an
/// event is applied once however often it is delivered.
/// </summary>
public interface INominalFeedHandler
{
    /// <summary>Whether this handler acts on events of <paramref name="type"/>; the others are passed over.</summary>
    bool Handles(NominalEventType type);

    Task ApplyAsync(Session session, FeedEvent e);
}
