using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The change feed, on the platform outbox (<see cref="FeedRequests"/> decides who reads what and
/// keeps consumers' positions, as for every service's feed). Machine consumers (role service) read
/// every force's events; people read only their own force's.
/// </summary>
public sealed partial class NominalsGrpcService
{
    private const string FeedSubject = "nominal-events";
    private static readonly TimeSpan WatchPoll = TimeSpan.FromMilliseconds(500);

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task<ListNominalEventsResponse> ListNominalEvents(ListNominalEventsRequest request, ServerCallContext context)
    {
        var (events, last) = await FeedRequests.ListAsync(records, feed.Outbox, context.Scope(), FeedSubject,
            request.Consumer, request.AfterSequence, request.PageSize);
        return new ListNominalEventsResponse { Events = { events.Select(e => e.ToNominalEvent()) }, LastSequence = last };
    }

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task WatchNominalEvents(WatchNominalEventsRequest request, IServerStreamWriter<WatchNominalEventsResponse> responseStream, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        FeedRequests.ValidateConsumer(v, request.Consumer);
        v.Check(request.AfterSequence >= 0, "after_sequence", "must not be negative");
        v.ThrowIfInvalid();
        var ct = call.CancellationToken;
        var outbox = feed.Outbox;
        var after = await records.RunAsync(call, async s =>
        {
            var start = await FeedRequests.StartingPointAsync(s, outbox, call, request.Consumer, request.AfterSequence);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, FeedSubject, call.Force));
            return start;
        });

        while (!ct.IsCancellationRequested)
        {
            var from = after;
            var events = await records.ReadAsync(call, s => outbox.ReadAsync(s, from, FeedRequests.ForceFilter(call), FeedRequests.DefaultPageSize));
            foreach (var e in events)
            {
                await responseStream.WriteAsync(new WatchNominalEventsResponse { Event = e.ToNominalEvent() }, ct);
                after = e.Sequence;
            }
            if (events.Count < FeedRequests.DefaultPageSize)
            {
                try
                {
                    await outbox.WaitForNewAsync(WatchPoll, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task<CommitFeedPositionResponse> CommitFeedPosition(CommitFeedPositionRequest request, ServerCallContext context)
    {
        await FeedRequests.CommitAsync(records, feed.Outbox, context.Scope(), FeedSubject, request.Consumer, request.Sequence);
        return new CommitFeedPositionResponse();
    }
}

internal static class FeedMapping
{
    public static NominalEvent ToNominalEvent(this OutboxEvent e) => new()
    {
        Sequence = e.Sequence,
        EventId = e.EventId,
        Type = (Contract.NominalEventType)e.Type,
        Nominal = NominalNames.Format(e.NominalId),
        ForceCode = e.ForceCode,
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurTime),
        ArmsDueDate = e.DueDate?.ToContract(),
        Attributes = { e.Attributes.ToDictionary() },
    };
}
