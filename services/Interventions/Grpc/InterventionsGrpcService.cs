using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Risk management interventions. Handlers authorise, validate, and run each operation with its
/// audit entry in one transaction. Another force's intervention is answered exactly as a missing
/// one (NOT_FOUND).
/// </summary>
public sealed class InterventionsGrpcService(Database database, InterventionStore store, AuditWriter audit, IdempotentCreate creates, AuditedPages pages, TimeProvider clock)
    : InterventionsService.InterventionsServiceBase
{
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreateInterventionResponse> CreateIntervention(CreateInterventionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var requestId = RequestIds.Validate(request.RequestId);
        var details = InterventionValidation.Validate(request.Intervention ?? new Intervention(), "intervention");
        return await creates.RunAsync(context, $"CreateIntervention:{caller.Force}", requestId, request, CreateInterventionResponse.Parser, caller.Force,
            async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                var record = new InterventionRecord(Guid.CreateVersion7(now).ToString("D"), caller.Force, details, caller.UserId, now, now, 1);
                await store.InsertAsync(c, tx, record, context.CancellationToken);
                await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, record.ResourceName, caller.Force), context.CancellationToken);
                return new IdempotentCreate.Created<CreateInterventionResponse>(record.ResourceName, new CreateInterventionResponse { Intervention = record.ToContract() });
            });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<GetInterventionResponse> GetIntervention(GetInterventionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var record = await FindVisibleAsync(c, tx, id, caller, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode), ct);
            return new GetInterventionResponse { Intervention = record.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<ListInterventionsResponse> ListInterventions(ListInterventionsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Nominal, "nominal");
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"interventions:{caller.Force}:{nominalId}",
            (c, tx, before, limit, ct) => store.ListForNominalAsync(c, tx, caller.Force, nominalId, before, limit, ct), r => r.Id,
            // The subject is the person whose interventions were consulted.
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), caller.Force));
        return new ListInterventionsResponse { Interventions = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    /// <summary>The intervention, if it exists and belongs to the caller's force; NOT_FOUND otherwise.</summary>
    private async Task<InterventionRecord> FindVisibleAsync(DbConnection c, DbTransaction tx, string id, Caller caller, CancellationToken ct)
    {
        var record = await store.FindAsync(c, tx, id, ct);
        if (record is null || record.ForceCode != caller.Force)
        {
            throw new ResourceNotFoundException(InterventionNames.Format(id));
        }
        return record;
    }

    private static string ParseName(string name, string field) =>
        InterventionNames.TryParse(name)
        ?? throw new ValidationFailedException([new FieldProblem(field, "must be an intervention name, interventions/{uuid}")]);

    private static string ParseNominal(string name, string field) =>
        NominalNames.TryParse(name)
        ?? throw new ValidationFailedException([new FieldProblem(field, "must be a nominal name, nominals/{uuid}")]);
}
