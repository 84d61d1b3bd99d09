using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The change feed. Machine consumers (role service) read every force's events; people read only
/// their own force's. A named consumer's position is kept per consumer (and per force for people).
/// </summary>
public sealed partial class NominalsGrpcService
{
    private const string FeedSubject = "nominal-events";
    private static readonly TimeSpan WatchPoll = TimeSpan.FromMilliseconds(500);

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task<ListNominalEventsResponse> ListNominalEvents(ListNominalEventsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        ValidateConsumer(v, request.Consumer);
        v.Check(request.AfterSequence >= 0, "after_sequence", "must not be negative");
        var size = PageToken.Size(request.PageSize, 100, 500);
        v.ThrowIfInvalid();
        return await records.RunAsync(call, async s =>
        {
            var after = await StartingPointAsync(s, call, request.Consumer, request.AfterSequence);
            var events = await feed.ReadAsync(s, after, ForceFilter(call), size);
            // A read that returns no event consults nothing: consumers polling an idle feed fill no audit log.
            if (events.Count > 0)
            {
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, FeedSubject, call.Force));
            }
            return new ListNominalEventsResponse
            {
                Events = { events.Select(e => e.ToContract()) },
                LastSequence = events.Count > 0 ? events[^1].Sequence : after,
            };
        });
    }

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task WatchNominalEvents(WatchNominalEventsRequest request, IServerStreamWriter<WatchNominalEventsResponse> responseStream, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        ValidateConsumer(v, request.Consumer);
        v.Check(request.AfterSequence >= 0, "after_sequence", "must not be negative");
        v.ThrowIfInvalid();
        var ct = call.CancellationToken;
        var after = await records.RunAsync(call, async s =>
        {
            var start = await StartingPointAsync(s, call, request.Consumer, request.AfterSequence);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, FeedSubject, call.Force));
            return start;
        });

        while (!ct.IsCancellationRequested)
        {
            var from = after;
            var events = await records.ReadAsync(call, s => feed.ReadAsync(s, from, ForceFilter(call), 100));
            foreach (var e in events)
            {
                await responseStream.WriteAsync(new WatchNominalEventsResponse { Event = e.ToContract() }, ct);
                after = e.Sequence;
            }
            if (events.Count < 100)
            {
                try
                {
                    await feed.WaitForNewAsync(WatchPoll, ct);
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
        var call = context.Scope();
        var v = new Validator();
        v.Required("consumer", request.Consumer);
        ValidateConsumer(v, request.Consumer);
        v.Check(request.Sequence >= 0, "sequence", "must not be negative");
        v.ThrowIfInvalid();
        await records.RunAsync(call, async s =>
        {
            await feed.CommitAsync(s, ConsumerKey(call, request.Consumer), request.Sequence);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Alteration, $"{FeedSubject}/consumers/{request.Consumer}", call.Force));
            return 0;
        });
        return new CommitFeedPositionResponse();
    }

    private async Task<long> StartingPointAsync(Session s, CallScope call, string consumer, long afterSequence)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            return afterSequence;
        }
        return await feed.PositionAsync(s, ConsumerKey(call, consumer)) ?? afterSequence;
    }

    private static string? ForceFilter(CallScope call) => call.IsInRole(Roles.Service) ? null : call.Force;

    private static string ConsumerKey(CallScope call, string consumer) =>
        call.IsInRole(Roles.Service) ? consumer : $"{call.Force}:{consumer}";

    private static void ValidateConsumer(Validator v, string consumer) =>
        v.Matches("consumer", consumer, ConsumerPattern(), "a consumer name of 1-64 lower-case letters, digits or '-'");

    [GeneratedRegex("^[a-z0-9-]{1,64}\\z")]
    private static partial Regex ConsumerPattern();
}

internal static class FeedMapping
{
    public static NominalEvent ToContract(this NominalEventRecord e) => new()
    {
        Sequence = e.Sequence,
        EventId = e.EventId,
        Type = (Contract.NominalEventType)e.Type,
        Nominal = NominalNames.Format(e.NominalId),
        ForceCode = e.ForceCode,
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurTime),
        ArmsDueDate = e.ArmsDueDate?.ToContract(),
        Attributes = { e.Attributes.ToDictionary() },
    };
}
