using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using Contract = OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Yearly scheduled checks (R-RM5): scheduling, reading, and completing the manual checks. The
/// automated checks are run by <see cref="CheckSetScheduler"/>.
/// </summary>
public sealed class ScheduledChecksGrpcService(
    RecordAccess records, IdempotentCreate creates, CheckSetStore store, NominalLookup nominals, SchedulerSignal signal,
    IOptions<IdentityChecksOptions> options, TimeProvider clock)
    : ScheduledChecksService.ScheduledChecksServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ScheduleCheckSetResponse> ScheduleCheckSet(ScheduleCheckSetRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Nominal, "nominal");
        var requestId = RequestIds.Validate(request.RequestId);
        var today = clock.Today();
        var dueDate = request.DueDate is null ? today : ParseDate(request.DueDate, "due_date");
        var nominal = await nominals.GetAsync(call, nominalId);
        // The domain's management status mirrors the contract's by number: a cast.
        CheckSetRecord.RequireReactive((ManagementStatus)nominal.ManagementStatus);
        var response = await creates.RunAsync(call, $"ScheduleCheckSet:{call.Force}", requestId, request, ScheduleCheckSetResponse.Parser,
            async s =>
            {
                if (await store.FindOpenForNominalAsync(s, nominal.ForceCode, nominal.Id) is { } open)
                {
                    throw new PreconditionFailedException("CHECK_SET_OPEN", "nominal", $"The nominal already has a check set that is not complete: {open.ResourceName}.");
                }
                var now = clock.GetUtcNow();
                var set = CheckSetRecord.Schedule(RequestIds.NewId(now), nominal.Id, nominal.ForceCode, dueDate, call.UserId, now);
                await store.InsertAsync(s, set);
                await records.AuditAsync(s, call, AuditOperation.Collection, set);
                return new IdempotentCreate.Created<ScheduleCheckSetResponse>(set.ResourceName, new ScheduleCheckSetResponse { CheckSet = set.ToContract() });
            }, call.Force);
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override Task<GetCheckSetResponse> GetCheckSet(GetCheckSetRequest request, ServerCallContext context)
    {
        var id = CheckSetNames.Parse(request.Name, "name");
        return records.GetAsync(context.Scope(), store, id, CheckSetNames.Format(id), set => new GetCheckSetResponse { CheckSet = set.ToContract() });
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListCheckSetsResponse> ListCheckSets(ListCheckSetsRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), store, CheckSetNames.Collection, request.Nominal, "nominal", new PageRequest(request.PageSize, request.PageToken));
        return new ListCheckSetsResponse { CheckSets = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    /// <summary>An officer records a manual check; the last one completes the set and schedules the next (R-RM5), in one unit of work.</summary>
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override Task<CompleteManualCheckResponse> CompleteManualCheck(CompleteManualCheckRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = CheckSetNames.Parse(request.CheckSet, "check_set");
        var kind = (ScheduledCheckKind)request.Kind;
        var v = new Validator();
        v.DefinedEnum("kind", request.Kind)
         .Check(kind == ScheduledCheckKind.Unspecified || !CheckSetRecord.IsAutomated(kind), "kind", "is run by the service, not by hand")
         .Required("outcome", request.Outcome).MaxLength("outcome", request.Outcome);
        var expected = Etag.Require(request.Etag, v, "etag", "check set");
        v.ThrowIfInvalid();
        return records.UpdateAsync(call, store, id, CheckSetNames.Format(id), expected,
            async (s, set, now) =>
            {
                var (updated, next) = set.CompleteManual(kind, request.Outcome, call.UserId, now)
                    .CompleteIfDone(RequestIds.NewId(now), options.Value.Scheduler.CheckSetIntervalMonths, now);
                if (next is not null)
                {
                    await store.InsertAsync(s, next);
                }
                return updated;
            },
            set => new CompleteManualCheckResponse { CheckSet = set.ToContract() });
    }

    private static DateOnly ParseDate(CalendarDate date, string field)
    {
        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw ValidationFailedException.For(field, "must be a valid calendar date");
        }
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
            State = (Contract.CheckSetState)s.State,
            CancelReason = s.CancelReason,
            NextCheckSet = s.NextCheckSetId.Length > 0 ? CheckSetNames.Format(s.NextCheckSetId) : "",
            ScheduledBy = s.ScheduledBy,
            CreateTime = Timestamp.FromDateTimeOffset(s.CreateTime),
            CompleteTime = s.CompleteTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
            Etag = Etag.From(s.Version),
        };
        set.Checks.AddRange(s.Checks.Select(c => new ScheduledCheck
        {
            Kind = (Contract.ScheduledCheckKind)c.Kind,
            Automated = c.Automated,
            State = (Contract.ScheduledCheckState)c.State,
            Outcome = c.Outcome,
            Enquiry = c.Enquiry.Length > 0 ? EnquiryNames.Format(c.Enquiry) : "",
            CompletedBy = c.CompletedBy,
            CompleteTime = c.CompleteTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
            LastFailure = c.LastFailure,
        }));
        return set;
    }
}
