using System.Globalization;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Feeds;
using Common = OffenderRisk.Contracts.Common.V1;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Nominals.Assessments;

/// <summary>
/// Follows the assessments feed as consumer "nominals" (the platform's one <see cref="FeedConsumer{TType}"/>):
/// each countersigned assessment goes to its nominal (<see cref="NominalRecord.RecordCountersignedAssessment"/>)
/// with the ledger entries it makes (R-AS7, R-MR4), in the unit of work that records the applied
/// position, audited as an alteration by the feed worker. An erased (or unknown) nominal has
/// nothing to record: the event is passed over, never holding the feed up.
/// </summary>
public sealed class CountersignedAssessmentHandler(
    NominalStore store, NominalChangeWriter changes, AssessmentReviewSchedule reviews, AuditWriter audit, TimeProvider clock)
    : IFeedHandler<AssessmentEventType>
{
    public const string Consumer = "nominals";
    private const string Worker = "nominals-assessment-feed";

    public bool Handles(AssessmentEventType type) => type == AssessmentEventType.Countersigned;

    public async Task ApplyAsync(Session session, FeedEvent<AssessmentEventType> e)
    {
        var nominal = await store.FindAsync(session, e.NominalId);
        if (nominal is null)
        {
            return;
        }
        var assessment = new CountersignedAssessment(
            e.RecordId,
            (AssessmentKind)e.RequiredCode<Contract.AssessmentKind>("kind"),
            (RiskLevel)e.RequiredCode<Common.RiskLevel>("level"),
            StoredTime.ParseDate(e.Required("countersign_date")),
            e.Attributes.ContainsKey("risk_to_children")
                ? (RiskToChildrenConclusion)e.RequiredCode<Contract.RiskToChildrenConclusion>("risk_to_children")
                : RiskToChildrenConclusion.Unspecified,
            e.OccurTime,
            e.Attributes.TryGetValue("countersigned_by", out var countersignedBy) ? countersignedBy : "");
        var change = nominal.RecordCountersignedAssessment(assessment, reviews);
        if (ReferenceEquals(change.Nominal, nominal))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var updated = await RecordAccess.WriteAsync(session, store, nominal, change.Nominal, now);
        await changes.ApplyAsync(session, updated, change, "system:" + Worker, now);
        var actor = AuditActor.System(Worker, updated.ForceCode, "RecordCountersignedAssessment") with
        {
            Justification = "assessment event " + e.Sequence.ToString(CultureInfo.InvariantCulture),
        };
        await audit.AppendAsync(session, actor, new AuditEvent(AuditOperation.Alteration, updated.ResourceName, updated.ForceCode));
    }
}

/// <summary>The nominals service follows the assessments feed.</summary>
public static class AssessmentFeedRegistration
{
    public static IHostApplicationBuilder AddCountersignedAssessments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AssessmentReviewSchedule>();
        builder.Services.AddSingleton<IFeedHandler<AssessmentEventType>, CountersignedAssessmentHandler>();
        builder.AddAssessmentFeedConsumer(CountersignedAssessmentHandler.Consumer);
        return builder;
    }
}
