using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Nominal records. Handlers authorise, validate and map, and delegate to the record access path
/// (force scoping, audit and optimistic updates) and to the nominal's own change methods. Another
/// force's nominal is answered exactly as a missing one (NOT_FOUND).
/// </summary>
public sealed partial class NominalsGrpcService(
    RecordAccess records, IdempotentCreate creates, NominalStore store, ChangeFeed feed, NominalChangeWriter changes, ArmsSchedule arms, TimeProvider clock,
    TransferStore transfers, IEnumerable<IErasureParticipant> erasureParticipants, NominalSearchIndex searchIndex,
    WorkItemStore workItems, MappaReviewSchedule mappaReviews)
    : NominalsService.NominalsServiceBase
{
    private static readonly HashSet<string> UpdatableFields =
        ["primary_name", "aliases", "gender", "pnc_id", "visor_reference", "addresses"];

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<CreateNominalResponse> CreateNominal(CreateNominalRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var requestId = RequestIds.Validate(request.RequestId);
        var details = NominalValidation.Validate(request.Nominal ?? new Nominal(), "nominal", Today());
        var overrideReason = ValidateDuplicateOverrideReason(request.DuplicateOverrideReason);
        return await creates.RunAsync(call, $"CreateNominal:{call.Force}", requestId, request, CreateNominalResponse.Parser, async s =>
        {
            var audited = await CheckLikelyDuplicatesAsync(s, call, details, overrideReason);
            var now = clock.GetUtcNow();
            var record = new NominalRecord(RequestIds.NewId(now), call.Force, details, ManagementStatus.Pending, now, now, 1, NominalManagement.None);
            await store.InsertAsync(s, record);
            await searchIndex.IndexAsync(s, record);
            await records.AuditAsync(s, audited, AuditOperation.Collection, record);
            return new IdempotentCreate.Created<CreateNominalResponse>(record.ResourceName, new CreateNominalResponse { Nominal = record.ToContract(Today()) });
        }, call.Force);
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<GetNominalResponse> GetNominal(GetNominalRequest request, ServerCallContext context)
    {
        var id = NominalNames.Parse(request.Name, "name");
        return await records.GetAsync(context.Scope(), store, id, NominalNames.Format(id),
            n => new GetNominalResponse { Nominal = n.ToContract(Today()) });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListNominalsResponse> ListNominals(ListNominalsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), "nominals:" + call.Force,
            (s, before, limit) => store.ListAsync(s, call.Force, before, limit), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, call.Force));
        return new ListNominalsResponse { Nominals = { page.Items.Select(r => r.ToContract(Today())) }, NextPageToken = page.NextPageToken };
    }

    /// <summary>
    /// Changes the fields in the update mask. Category and date of birth are guarded: refused here,
    /// naming their own RPCs. A change of name, aliases or PNC id is checked for likely duplicates
    /// as a create is (duplicate_override_reason to go on, audited).
    /// </summary>
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<UpdateNominalResponse> UpdateNominal(UpdateNominalRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominal = request.Nominal ?? new Nominal();
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var v = new Validator();
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            v.Add("update_mask", path is GuardedFields.Category or GuardedFields.DateOfBirth
                ? $"'{path}' is guarded: use {NominalRecord.GuardedFieldRpc(path)}, which takes a reason and checks the rules again"
                : $"'{path}' cannot be updated");
        }
        var overrideReason = ValidateDuplicateOverrideReason(request.DuplicateOverrideReason);
        var changes = paths.All(UpdatableFields.Contains) ? NominalValidation.Validate(nominal, "nominal", Today(), paths) : null;
        var updated = await ChangeAsync(call, nominal.Name, "nominal.name", nominal.Etag, v,
            (n, _) => n.UpdateDetails(changes!, paths),
            // The search keys follow the names in the same unit of work.
            (s, n) => searchIndex.IndexAsync(s, n),
            overrideReason, "nominal.etag");
        return new UpdateNominalResponse { Nominal = updated };
    }

    private DateOnly Today() => clock.Today();
}
