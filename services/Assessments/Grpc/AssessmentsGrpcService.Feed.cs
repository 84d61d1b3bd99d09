using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// This service's change feed, on the platform outbox: <see cref="FeedRequests"/> decides who reads
/// what and keeps consumers' positions, as for the nominals feed. Machine consumers (role service)
/// read every force's events; people read only their own force's.
/// </summary>
public sealed partial class AssessmentsGrpcService
{
    private const string FeedSubject = "assessment-events";

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task<ListAssessmentEventsResponse> ListAssessmentEvents(ListAssessmentEventsRequest request, ServerCallContext context)
    {
        var (events, last) = await FeedRequests.ListAsync(records, feed.Outbox, context.Scope(), FeedSubject,
            request.Consumer, request.AfterSequence, request.PageSize);
        return new ListAssessmentEventsResponse { Events = { events.Select(ToAssessmentEvent) }, LastSequence = last };
    }

    /// <summary>Only a service principal commits a position here (the contract: roles service).</summary>
    [Authorize(Policy = Policies.ServiceOnly)]
    public override async Task<CommitFeedPositionResponse> CommitFeedPosition(CommitFeedPositionRequest request, ServerCallContext context)
    {
        await FeedRequests.CommitAsync(records, feed.Outbox, context.Scope(), FeedSubject, request.Consumer, request.Sequence);
        return new CommitFeedPositionResponse();
    }

    private static AssessmentEvent ToAssessmentEvent(OutboxEvent e) => new()
    {
        Sequence = e.Sequence,
        EventId = e.EventId,
        Type = (AssessmentEventType)e.Type,
        Assessment = AssessmentNames.Format(e.RecordId),
        Nominal = NominalNames.Format(e.NominalId),
        ForceCode = e.ForceCode,
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurTime),
        Attributes = { e.Attributes.ToDictionary() },
    };
}
