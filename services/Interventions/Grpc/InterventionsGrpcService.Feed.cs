using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// This service's change feed, on the platform outbox: <see cref="FeedRequests"/> decides who reads
/// what and keeps consumers' positions, as for the nominals and assessments feeds.
/// </summary>
public sealed partial class InterventionsGrpcService
{
    private const string FeedSubject = "intervention-events";

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task<ListInterventionEventsResponse> ListInterventionEvents(ListInterventionEventsRequest request, ServerCallContext context)
    {
        var (events, last) = await FeedRequests.ListAsync(records, feed.Outbox, context.Scope(), FeedSubject,
            request.Consumer, request.AfterSequence, request.PageSize);
        return new ListInterventionEventsResponse { Events = { events.Select(ToInterventionEvent) }, LastSequence = last };
    }

    /// <summary>Only a service principal commits a position here (the contract: roles service).</summary>
    [Authorize(Policy = Policies.ServiceOnly)]
    public override async Task<CommitFeedPositionResponse> CommitFeedPosition(CommitFeedPositionRequest request, ServerCallContext context)
    {
        await FeedRequests.CommitAsync(records, feed.Outbox, context.Scope(), FeedSubject, request.Consumer, request.Sequence);
        return new CommitFeedPositionResponse();
    }

    private static InterventionEvent ToInterventionEvent(OutboxEvent e) => new()
    {
        Sequence = e.Sequence,
        EventId = e.EventId,
        Type = (InterventionEventType)e.Type,
        Subject = e.RecordId,
        Nominal = NominalNames.Format(e.NominalId),
        ForceCode = e.ForceCode,
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurTime),
        Attributes = { e.Attributes.ToDictionary() },
    };
}
