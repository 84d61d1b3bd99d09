using OffenderRisk.Platform.Feeds;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// The nominals change feed: the nominal's domain events as entries of the platform outbox (feed
/// "nominals", <see cref="OutboxFeed"/>), written in the transaction of the change that causes them.
/// This class owns what is particular to nominals: codes under their contract names, and the ARMS
/// due date the contract carries beside the attributes.
/// </summary>
public sealed class ChangeFeed(TimeProvider clock)
{
    public const string FeedName = "nominals";

    /// <summary>The outbox the events are written to and read from.</summary>
    public OutboxFeed Outbox { get; } = new(FeedName, clock);

    /// <summary>
    /// Writes the nominal's events in the session of the change that causes them; watchers are
    /// woken once that session has committed (never after a rollback).
    /// </summary>
    public Task PublishAsync(Session s, NominalRecord nominal, IReadOnlyList<NominalFeedEvent> events) =>
        PublishAsync(s, nominal.Id, nominal.ForceCode, events);

    /// <summary>As above, for a nominal known by id and owning force only (a worker's change).</summary>
    public Task PublishAsync(Session s, string nominalId, string force, IReadOnlyList<NominalFeedEvent> events) =>
        Outbox.PublishAsync(s, events.Select(e => new OutboxEntry((int)e.Type, nominalId, nominalId, force, AttributesOf(e), e.ArmsDueDate)).ToList());

    /// <summary>
    /// The event's attributes as the feed publishes them: its codes first, each under the original
    /// name of its contract namesake (e.g. LEAD_AGENCY_PROBATION), then its other attributes.
    /// </summary>
    internal static Dictionary<string, string> AttributesOf(NominalFeedEvent e)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var (key, code) in e.Codes ?? new Dictionary<string, Enum>())
        {
            attributes[key] = OriginalName(code);
        }
        foreach (var (key, value) in e.Attributes ?? new Dictionary<string, string>())
        {
            attributes[key] = value;
        }
        return attributes;
    }

    /// <summary>A domain code under the original name of its contract namesake: the one mapping for feed attributes and work item summary codes.</summary>
    internal static string OriginalName(Enum code) => code switch
    {
        ObligationKind kind => ProtoEnums.OriginalName((Contract.ObligationKind)kind),
        ManagementStatus status => ProtoEnums.OriginalName((Contract.ManagementStatus)status),
        StatusChangeTrigger trigger => ProtoEnums.OriginalName((Contract.StatusChangeTrigger)trigger),
        NominalCategory category => ProtoEnums.OriginalName((Contract.NominalCategory)category),
        OffenceClass offenceClass => ProtoEnums.OriginalName((Contract.OffenceClass)offenceClass),
        LeadAgency agency => ProtoEnums.OriginalName((Contract.LeadAgency)agency),
        CivilOrderType type => ProtoEnums.OriginalName((Contract.CivilOrderType)type),
        NonCooperationKind kind => ProtoEnums.OriginalName((Contract.NonCooperationKind)kind),
        WorkItemKind kind => ProtoEnums.OriginalName((Contract.WorkItemKind)kind),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code.GetType().Name, "a feed code with no contract namesake"),
    };
}
