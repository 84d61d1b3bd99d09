using OffenderRisk.Assessments.Domain;
using OffenderRisk.Platform.Feeds;
using Common = OffenderRisk.Contracts.Common.V1;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Storage;

/// <summary>
/// This service's change feed: "assessment countersigned" (R-AS8) as an entry of the platform
/// outbox (feed "assessments", <see cref="OutboxFeed"/>), written in the unit of work of the
/// countersigning. Ids and codes only, each code under its contract's original name (e.g.
/// ASSESSMENT_KIND_ARMS, RISK_LEVEL_LOW), as the contract's AssessmentEventType lists them.
/// </summary>
public sealed class AssessmentFeed(TimeProvider clock)
{
    public const string FeedName = "assessments";

    /// <summary>The outbox the events are written to and read from.</summary>
    public OutboxFeed Outbox { get; } = new(FeedName, clock);

    /// <summary>Writes the event in the session of the countersigning.</summary>
    public Task PublishCountersignedAsync(Session session, AssessmentCountersigned countersigned) =>
        Outbox.PublishAsync(session, [new OutboxEntry((int)Contract.AssessmentEventType.Countersigned,
            countersigned.AssessmentId, countersigned.NominalId, countersigned.ForceCode, AttributesOf(countersigned))]);

    /// <summary>The event's attributes as the contract lists them for ASSESSMENT_EVENT_TYPE_COUNTERSIGNED.</summary>
    internal static Dictionary<string, string> AttributesOf(AssessmentCountersigned c)
    {
        var attributes = new Dictionary<string, string>
        {
            ["kind"] = ProtoEnums.OriginalName((Contract.AssessmentKind)c.Kind),
            ["level"] = ProtoEnums.OriginalName((Common.RiskLevel)c.Level),
            ["countersign_date"] = StoredTime.FormatDate(c.CountersignDate),
            ["risk_to_children"] = ProtoEnums.OriginalName((Contract.RiskToChildrenConclusion)c.RiskToChildren),
            // A user id (a staff number, never a personal name): who countersigned (R-AS8).
            ["countersigned_by"] = c.CountersignedBy,
        };
        if (!string.IsNullOrEmpty(c.SupersededId))
        {
            attributes["superseded"] = AssessmentNames.Format(c.SupersededId);
        }
        return attributes;
    }
}
