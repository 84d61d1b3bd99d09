using System.Data.Common;
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
/// Nominal records. Handlers authorise, validate, and run each operation with its audit entry in
/// one transaction. Another force's nominal is answered exactly as a missing one (NOT_FOUND).
/// </summary>
public sealed partial class NominalsGrpcService(
    Database database, NominalStore store, AuditWriter audit, ChangeFeed feed, WorkingDayCalendar calendar, TimeProvider clock,
    TransferStore transfers, IEnumerable<IErasureParticipant> erasureParticipants, NominalSearchIndex searchIndex,
    WorkItemStore workItems, IdempotentCreate creates, AuditedPages pages)
    : NominalsService.NominalsServiceBase
{
    private static readonly HashSet<string> UpdatableFields =
        ["primary_name", "aliases", "date_of_birth", "gender", "pnc_id", "visor_reference", "category", "addresses"];

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<CreateNominalResponse> CreateNominal(CreateNominalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var requestId = RequestIds.Validate(request.RequestId);
        var details = NominalValidation.Validate(request.Nominal ?? new Nominal(), "nominal", Today());
        var overrideReason = ValidateDuplicateOverrideReason(request.DuplicateOverrideReason);
        return await creates.RunAsync(context, $"CreateNominal:{caller.Force}", requestId, request, CreateNominalResponse.Parser, caller.Force,
            async (c, tx) =>
            {
                var ct = context.CancellationToken;
                // Two creates of the same person at once must not both pass the duplicate check.
                await database.LockAsync(c, tx, "create-nominal:" + caller.Force, ct);
                var actor = await CheckLikelyDuplicatesAsync(c, tx, context, caller.Force, details, overrideReason, ct);
                var now = clock.GetUtcNow();
                var record = new NominalRecord(Guid.CreateVersion7(now).ToString("D"), caller.Force, details, ManagementStatus.Pending, now, now, 1, NominalManagement.None);
                await store.InsertAsync(c, tx, record, ct);
                await searchIndex.IndexAsync(c, tx, record, ct);
                await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Collection, record.ResourceName, caller.Force), ct);
                return new IdempotentCreate.Created<CreateNominalResponse>(record.ResourceName, new CreateNominalResponse { Nominal = record.ToContract(Today()) });
            });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<GetNominalResponse> GetNominal(GetNominalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var record = await FindVisibleAsync(c, tx, id, caller, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode), ct);
            return new GetNominalResponse { Nominal = record.ToContract(Today()) };
        }, ct);
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListNominalsResponse> ListNominals(ListNominalsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, "nominals:" + caller.Force,
            (c, tx, before, limit, ct) => store.ListAsync(c, tx, caller.Force, before, limit, ct), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, caller.Force));
        return new ListNominalsResponse { Nominals = { page.Items.Select(r => r.ToContract(Today())) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<UpdateNominalResponse> UpdateNominal(UpdateNominalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominal = request.Nominal ?? new Nominal();
        var id = ParseName(nominal.Name, "nominal.name");
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var v = new Validator();
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            v.Add("update_mask", $"'{path}' cannot be updated");
        }
        var expectedVersion = Etag.Parse(nominal.Etag);
        v.Check(expectedVersion is not null, "nominal.etag", "is required: send the etag from the nominal you read");
        v.ThrowIfInvalid();
        var changes = NominalValidation.Validate(nominal, "nominal", Today(), paths);
        var ct = context.CancellationToken;

        return await database.InTransactionAsync(async (c, tx) =>
        {
            var current = await FindVisibleAsync(c, tx, id, caller, ct);
            if (current.Version != expectedVersion)
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            var d = current.Details;
            var merged = new NominalDetails(
                paths.Contains("primary_name") ? changes.PrimaryName : d.PrimaryName,
                paths.Contains("aliases") ? changes.Aliases : d.Aliases,
                paths.Contains("date_of_birth") ? changes.DateOfBirth : d.DateOfBirth,
                paths.Contains("gender") ? changes.Gender : d.Gender,
                paths.Contains("pnc_id") ? changes.PncId : d.PncId,
                paths.Contains("visor_reference") ? changes.VisorReference : d.VisorReference,
                paths.Contains("category") ? changes.Category : d.Category,
                paths.Contains("addresses") ? changes.Addresses : d.Addresses);
            var updated = current with { Details = merged, UpdateTime = clock.GetUtcNow(), Version = current.Version + 1 };
            if (!await store.UpdateAsync(c, tx, updated, current.Version, ct))
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            await searchIndex.IndexAsync(c, tx, updated, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, updated.ResourceName, updated.ForceCode), ct);
            return new UpdateNominalResponse { Nominal = updated.ToContract(Today()) };
        }, ct);
    }

    /// <summary>The nominal, if it exists and belongs to the caller's force; NOT_FOUND otherwise.</summary>
    private async Task<NominalRecord> FindVisibleAsync(DbConnection c, DbTransaction tx, string id, Caller caller, CancellationToken ct)
    {
        var record = await store.FindAsync(c, tx, id, ct);
        if (record is null || record.ForceCode != caller.Force)
        {
            throw new ResourceNotFoundException(NominalNames.Format(id));
        }
        return record;
    }

    private static string ParseName(string name, string field) =>
        NominalNames.TryParse(name)
        ?? throw new ValidationFailedException([new FieldProblem(field, "must be a nominal name, nominals/{uuid}")]);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
