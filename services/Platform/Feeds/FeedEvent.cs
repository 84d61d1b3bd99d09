using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// One event of a change feed a service follows, as its handlers apply it: ids and codes only.
/// <typeparamref name="TType"/> is the feed's contract event type (NominalEventType,
/// AssessmentEventType); <paramref name="RecordId"/> is the record the event is about (the nominal
/// itself on the nominals feed, the assessment on the assessments feed); <paramref name="OccurTime"/>
/// is when the publishing change was made.
/// </summary>
public sealed record FeedEvent<TType>(
    long Sequence, TType Type, string NominalId, string ForceCode, IReadOnlyDictionary<string, string> Attributes, string RecordId = "",
    DateTimeOffset OccurTime = default)
    where TType : struct, Enum
{
    /// <summary>An attribute the event's type always carries; a missing one is a broken event, not a skipped one.</summary>
    public string Required(string attribute) =>
        Attributes.TryGetValue(attribute, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"Feed event {Sequence} of type {Type} lacks its '{attribute}' attribute.");

    /// <summary>A code attribute the event's type always carries, as the value of <typeparamref name="TCode"/> it names (e.g. RISK_LEVEL_LOW); an unknown code is a broken event.</summary>
    public TCode RequiredCode<TCode>(string attribute) where TCode : struct, Enum =>
        ProtoEnums.FromOriginalName<TCode>(Required(attribute))
            ?? throw new InvalidOperationException($"Feed event {Sequence} of type {Type} has an unknown '{attribute}' code.");
}

/// <summary>
/// What a service does with the events of a change feed it follows. <see cref="ApplyAsync"/> runs
/// in a unit of work of the service, together with the consumer's applied position, so an event is
/// applied once however often it is delivered.
/// </summary>
public interface IFeedHandler<TType> where TType : struct, Enum
{
    /// <summary>Whether this handler acts on events of <paramref name="type"/>; the others are passed over.</summary>
    bool Handles(TType type);

    Task ApplyAsync(Session session, FeedEvent<TType> e);
}

/// <summary>
/// Where a consumer reads a change feed from: another service's List…Events and CommitFeedPosition
/// RPCs, called as a service principal with a deadline. The consumer (<see cref="FeedConsumer{TType}"/>)
/// is the same for every source.
/// </summary>
public interface IFeedSource<TType> where TType : struct, Enum
{
    /// <summary>The feed's name ("nominals", "assessments"): names the consumer's options and keys its applied position.</summary>
    string Feed { get; }

    /// <summary>The page after the position the publishing service holds for <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<FeedEvent<TType>>> ReadAsync(string consumer, int pageSize, TimeSpan deadline, CancellationToken ct);

    /// <summary>Commits <paramref name="sequence"/> as <paramref name="consumer"/>'s position with the publishing service.</summary>
    Task CommitAsync(string consumer, long sequence, TimeSpan deadline, CancellationToken ct);
}
