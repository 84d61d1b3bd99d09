using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.ServiceDefaults.Security;
using Contract = OffenderRisk.Contracts.Interventions.V1;
using DomainStatus = OffenderRisk.Interventions.Domain.InterventionStatus;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Risk management interventions. Handlers authorise, validate and delegate to the platform's
/// access path: each operation runs with its audit entry in one unit of work, and another
/// force's intervention is answered exactly as a missing one (NOT_FOUND). The nominal a request
/// names is confirmed with the nominals service first (<see cref="NominalLookup"/>), outside any
/// unit of work: one that does not exist, or that another force manages, is NOT_FOUND and nothing
/// is written. Status changes and breaches (R-MG10) go on this service's change feed in the
/// transaction of the change.
/// </summary>
public sealed partial class InterventionsGrpcService(
    RecordAccess records, InterventionStore store, IdempotentCreate creates, NominalLookup nominals, InterventionFeed feed, TimeProvider clock)
    : InterventionsService.InterventionsServiceBase
{
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreateInterventionResponse> CreateIntervention(CreateInterventionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        RequestIds.Validate(request.RequestId);
        var details = InterventionValidation.Validate(request.Intervention ?? new Intervention(), "intervention");
        await nominals.GetAsync(call, details.NominalId);
        return await creates.CreateAsync(call, request.RequestId, request, CreateInterventionResponse.Parser,
            s => store.InsertAsync(s, InterventionRecord.New(details, call.Force, call.UserId, clock.GetUtcNow())),
            i => new CreateInterventionResponse { Intervention = i.ToContract() });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override Task<GetInterventionResponse> GetIntervention(GetInterventionRequest request, ServerCallContext context) =>
        records.GetAsync(context.Scope(), store, InterventionNames.Parse(request.Name, "name"),
            i => new GetInterventionResponse { Intervention = i.ToContract() });

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<ListInterventionsResponse> ListInterventions(ListInterventionsRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), store, InterventionNames.Collection, request.Nominal, "nominal",
            new PageRequest(request.PageSize, request.PageToken));
        return new ListInterventionsResponse { Interventions = { page.Items.Select(i => i.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<UpdateInterventionResponse> UpdateIntervention(UpdateInterventionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var sent = request.Intervention ?? new Intervention();
        var id = InterventionNames.Parse(sent.Name, "intervention.name");
        var (paths, expectedVersion) = InterventionValidation.ValidateUpdate(sent, request.UpdateMask, "intervention");
        return await records.UpdateAsync(call, store, id, expectedVersion,
            (current, _) => current.Update(details => InterventionValidation.Merge(details, sent, paths, "intervention"), "intervention.name"),
            i => new UpdateInterventionResponse { Intervention = i.ToContract() });
    }

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<ChangeInterventionStatusResponse> ChangeInterventionStatus(ChangeInterventionStatusRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = InterventionNames.Parse(request.Name, "name");
        var v = new Validator();
        v.DefinedEnum("status", request.Status);
        var effective = NotFuture(v, request.EffectiveDate, "effective_date");
        v.Required("reason", request.Reason).MaxLength("reason", request.Reason, 1000);
        var expectedVersion = Etag.Require(request.Etag, v, "etag", "intervention");
        v.ThrowIfInvalid();

        return await records.UpdateAsync(call, store, id.Id, id.Name, expectedVersion, async (s, current, now) =>
            {
                var changed = current.ChangeStatus((DomainStatus)request.Status, effective!.Value, request.Reason, call.UserId, now, "status", "effective_date");
                await feed.PublishAsync(s, InterventionEventType.InterventionStatusChanged, changed.ResourceName, changed.NominalId, changed.ForceCode,
                    new Dictionary<string, string>
                    {
                        ["status"] = ProtoEnums.OriginalName((Contract.InterventionStatus)changed.Status),
                        ["previous_status"] = ProtoEnums.OriginalName((Contract.InterventionStatus)current.Status),
                        ["effective_date"] = StoredTime.FormatDate(effective.Value),
                    });
                return changed;
            },
            i => new ChangeInterventionStatusResponse { Intervention = i.ToContract() });
    }

    [Authorize(Policy = Policies.RecordBreaches)]
    public override async Task<RecordBreachResponse> RecordBreach(RecordBreachRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = InterventionNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var sent = request.Breach ?? new Breach();
        var v = new Validator();
        var occurred = NotFuture(v, sent.OccurDate, "breach.occur_date");
        v.Required("breach.details", sent.Details).MaxLength("breach.details", sent.Details).MaxLength("breach.immediate_action", sent.ImmediateAction);
        v.ThrowIfInvalid();

        return await creates.RunAsync(call, IdempotentCreate.ScopeOf(request, call.Force), requestId, request, RecordBreachResponse.Parser, async s =>
        {
            var current = await RecordAccess.FindVisibleAsync(s, call, store, id);
            var now = clock.GetUtcNow();
            var (changed, breach) = current.RecordBreach(occurred!.Value, sent.Details, sent.ImmediateAction, call.UserId, now, "parent", "breach.occur_date");
            var written = await RecordAccess.WriteAsync(s, store, current, changed, now);
            var breachName = breach.NameUnder(written.Id);
            // R-MG10: the breach starts the response in the nominals service (work item, ARMS reassessment), which follows this feed.
            await feed.PublishAsync(s, InterventionEventType.InterventionBreached, written.ResourceName, written.NominalId, written.ForceCode,
                new Dictionary<string, string>
                {
                    ["breach"] = breachName,
                    ["occur_date"] = StoredTime.FormatDate(breach.OccurDate),
                    ["kind"] = ProtoEnums.OriginalName((Contract.InterventionKind)written.Details.Kind),
                });
            await records.AuditAsync(s, call, AuditOperation.Alteration, written);
            // The key names the intervention, not the breach: an erasure or transfer of the nominal removes the
            // keys of its interventions' names (R-AU1), and with them this stored answer.
            return new IdempotentCreate.Created<RecordBreachResponse>(written.ResourceName,
                new RecordBreachResponse { Intervention = written.ToContract(), Breach = breach.ToContract(written.Id) });
        });
    }

    /// <summary>A required England and Wales date that is not after today (R-MG10: status changes and breaches are recorded, not forecast).</summary>
    private DateOnly? NotFuture(Validator v, Contracts.Common.V1.CalendarDate? sent, string field)
    {
        var date = CalendarDates.Check(v, sent, field, required: true);
        v.Check(date is null || date <= clock.Today(), field, "must not be in the future", InterventionRecord.RuleId);
        return date;
    }
}
