using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Yearly scheduled checks (R-RM5): scheduling, reading, and completing the manual checks. The
/// automated checks are run by <see cref="CheckSetScheduler"/>.
/// </summary>
public sealed class ScheduledChecksGrpcService(
    Database database, IdempotentCreate creates, AuditedPages pages, CheckSetStore store, AuditWriter audit, NominalDirectory nominals, SchedulerSignal signal, TimeProvider clock)
    : ScheduledChecksService.ScheduledChecksServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ScheduleCheckSetResponse> ScheduleCheckSet(ScheduleCheckSetRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        var requestId = Requests.RequestId(request.RequestId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var dueDate = request.DueDate is null ? today : ParseDate(request.DueDate, "due_date");
        var nominal = await nominals.GetAsync(nominalId, caller.Force, context.CancellationToken);
        CheckSetRecord.RequireReactive(nominal.ManagementStatus);
        var response = await creates.RunAsync(context, $"ScheduleCheckSet:{caller.Force}", requestId, request, ScheduleCheckSetResponse.Parser, caller.Force,
            async (c, tx) =>
            {
                var ct = context.CancellationToken;
                if (await store.FindOpenForNominalAsync(c, tx, nominal.ForceCode, nominal.Id, ct) is { } open)
                {
                    throw new PreconditionFailedException("CHECK_SET_OPEN", "nominal", $"The nominal already has a check set that is not complete: {open.ResourceName}.");
                }
                var now = clock.GetUtcNow();
                var set = CheckSetRecord.Schedule(ResourceIds.New(now), nominal.Id, nominal.ForceCode, dueDate, caller.UserId, StartOf(dueDate), now);
                await store.InsertAsync(c, tx, set, ct);
                await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, set.ResourceName, set.ForceCode), ct);
                return new IdempotentCreate.Created<ScheduleCheckSetResponse>(set.ResourceName, new ScheduleCheckSetResponse { CheckSet = set.ToContract() });
            });
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<GetCheckSetResponse> GetCheckSet(GetCheckSetRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var set = await FindVisibleAsync(c, tx, id, caller, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, set.ResourceName, set.ForceCode), ct);
            return new GetCheckSetResponse { CheckSet = set.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListCheckSetsResponse> ListCheckSets(ListCheckSetsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"checkSets:{caller.Force}:{nominalId}",
            (c, tx, before, limit, ct) => store.ListForNominalAsync(c, tx, caller.Force, nominalId, before, limit, ct), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), caller.Force));
        return new ListCheckSetsResponse { CheckSets = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<CompleteManualCheckResponse> CompleteManualCheck(CompleteManualCheckRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.CheckSet, "check_set");
        var v = new Validator();
        v.DefinedEnum("kind", request.Kind)
         .Check(request.Kind == ScheduledCheckKind.Unspecified || !CheckSetRecord.IsAutomated(request.Kind), "kind", "is run by the service, not by hand")
         .Required("outcome", request.Outcome).MaxLength("outcome", request.Outcome);
        var expected = Etag.Parse(request.Etag);
        v.Check(expected is not null, "etag", "is required: send the etag from the check set you read");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var set = await FindVisibleAsync(c, tx, id, caller, ct);
            if (set.Version != expected)
            {
                throw new EtagMismatchException(set.ResourceName);
            }
            var now = clock.GetUtcNow();
            var (updated, next) = CheckSetProgress.CompleteIfDone(set.CompleteManual(request.Kind, request.Outcome, caller.UserId, now), now);
            if (!await store.UpdateAsync(c, tx, updated, set.Version, ct))
            {
                throw new EtagMismatchException(set.ResourceName);
            }
            if (next is not null)
            {
                await store.InsertAsync(c, tx, next, ct);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, updated.ResourceName, updated.ForceCode), ct);
            return new CompleteManualCheckResponse { CheckSet = updated.ToContract() };
        }, ct);
    }

    private async Task<CheckSetRecord> FindVisibleAsync(DbConnection c, DbTransaction tx, string id, Caller caller, CancellationToken ct)
    {
        var set = await store.FindAsync(c, tx, id, ct);
        if (set is null || set.ForceCode != caller.Force)
        {
            throw new ResourceNotFoundException(CheckSetNames.Format(id));
        }
        return set;
    }

    private static string ParseName(string name, string field) =>
        CheckSetNames.TryParse(name) ?? throw Requests.Invalid(field, "must be a check set name, checkSets/{uuid}");

    private static DateOnly ParseDate(CalendarDate date, string field)
    {
        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Requests.Invalid(field, "must be a valid calendar date");
        }
    }

    /// <summary>A set due on a day runs from the start of that day (UTC).</summary>
    internal static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>Completing a set schedules the next one a year on (R-RM5), in the same transaction.</summary>
internal static class CheckSetProgress
{
    /// <summary>A set with nothing left for the scheduler to run waits here until it is completed or a retry is due.</summary>
    public static readonly DateTimeOffset Parked = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static (CheckSetRecord Set, CheckSetRecord? Next) CompleteIfDone(CheckSetRecord set, DateTimeOffset now)
    {
        if (!set.AllDone)
        {
            return (set, null);
        }
        var next = CheckSetRecord.Schedule(ResourceIds.New(now), set.NominalId, set.ForceCode, set.NextDueDate,
            "system:identity-checks-scheduler", ScheduledChecksGrpcService.StartOf(set.NextDueDate), now);
        return (set.Complete(next.Id, now), next);
    }
}

internal static class CheckSetMapping
{
    public static CheckSet ToContract(this CheckSetRecord s)
    {
        var set = new CheckSet
        {
            Name = s.ResourceName,
            Nominal = s.Nominal,
            DueDate = new CalendarDate { Year = s.DueDate.Year, Month = s.DueDate.Month, Day = s.DueDate.Day },
            State = s.State,
            CancelReason = s.CancelReason,
            NextCheckSet = s.NextCheckSetId.Length > 0 ? CheckSetNames.Format(s.NextCheckSetId) : "",
            ScheduledBy = s.ScheduledBy,
            CreateTime = Timestamp.FromDateTimeOffset(s.CreateTime),
            CompleteTime = s.CompleteTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
            Etag = Etag.From(s.Version),
        };
        set.Checks.AddRange(s.Checks.Select(c => new ScheduledCheck
        {
            Kind = c.Kind,
            Automated = c.Automated,
            State = c.State,
            Outcome = c.Outcome,
            Enquiry = c.Enquiry.Length > 0 ? EnquiryNames.Format(c.Enquiry) : "",
            CompletedBy = c.CompletedBy,
            CompleteTime = c.CompleteTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
            LastFailure = c.LastFailure,
        }));
        return set;
    }
}
