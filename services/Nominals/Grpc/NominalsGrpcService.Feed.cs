using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

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
        var caller = Caller.From(context);
        var v = new Validator();
        ValidateConsumer(v, request.Consumer);
        v.Check(request.AfterSequence >= 0, "after_sequence", "must not be negative");
        var size = PageToken.Size(request.PageSize, 100, 500);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var after = await StartingPointAsync(c, caller, request.Consumer, request.AfterSequence, ct);
            var events = await feed.ReadAsync(c, after, ForceFilter(caller), size, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, FeedSubject, caller.Force), ct);
            return new ListNominalEventsResponse
            {
                Events = { events.Select(e => e.ToContract()) },
                LastSequence = events.Count > 0 ? events[^1].Sequence : after,
            };
        }, ct);
    }

    [Authorize(Policy = Policies.ReadChangeFeed)]
    public override async Task WatchNominalEvents(WatchNominalEventsRequest request, IServerStreamWriter<WatchNominalEventsResponse> responseStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new Validator();
        ValidateConsumer(v, request.Consumer);
        v.Check(request.AfterSequence >= 0, "after_sequence", "must not be negative");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var after = await database.InTransactionAsync(async (c, tx) =>
        {
            var start = await StartingPointAsync(c, caller, request.Consumer, request.AfterSequence, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, FeedSubject, caller.Force), ct);
            return start;
        }, ct);

        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<NominalEventRecord> events;
            await using (var c = await database.OpenAsync(ct))
            {
                events = await feed.ReadAsync(c, after, ForceFilter(caller), 100, ct);
            }
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
        var caller = Caller.From(context);
        var v = new Validator();
        v.Required("consumer", request.Consumer);
        ValidateConsumer(v, request.Consumer);
        v.Check(request.Sequence >= 0, "sequence", "must not be negative");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        await database.InTransactionAsync(async (c, tx) =>
        {
            await feed.CommitAsync(c, tx, ConsumerKey(caller, request.Consumer), request.Sequence, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, $"{FeedSubject}/consumers/{request.Consumer}", caller.Force), ct);
            return 0;
        }, ct);
        return new CommitFeedPositionResponse();
    }

    private async Task<long> StartingPointAsync(System.Data.Common.DbConnection c, Caller caller, string consumer, long afterSequence, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            return afterSequence;
        }
        return await feed.PositionAsync(c, ConsumerKey(caller, consumer), ct) ?? afterSequence;
    }

    private static string? ForceFilter(Caller caller) => caller.IsInRole(Roles.Service) ? null : caller.Force;

    private static string ConsumerKey(Caller caller, string consumer) =>
        caller.IsInRole(Roles.Service) ? consumer : $"{caller.Force}:{consumer}";

    private static void ValidateConsumer(Validator v, string consumer) =>
        v.Matches("consumer", consumer, ConsumerPattern(), "a consumer name of 1-64 lower-case letters, digits or '-'");

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex ConsumerPattern();
}

internal static class FeedMapping
{
    public static NominalEvent ToContract(this NominalEventRecord e) => new()
    {
        Sequence = e.Sequence,
        EventId = e.EventId,
        Type = e.Type,
        Nominal = NominalNames.Format(e.NominalId),
        ForceCode = e.ForceCode,
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurTime),
        ArmsDueDate = e.ArmsDueDate?.ToContract(),
        Attributes = { e.Attributes.ToDictionary() },
    };
}
