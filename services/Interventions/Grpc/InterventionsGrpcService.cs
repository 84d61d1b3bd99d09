using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Risk management interventions. Handlers authorise, validate and delegate to the platform's
/// access path: each operation runs with its audit entry in one unit of work, and another
/// force's intervention is answered exactly as a missing one (NOT_FOUND). The nominal a request
/// names is confirmed with the nominals service first (<see cref="NominalLookup"/>), outside any
/// unit of work: one that does not exist, or that another force manages, is NOT_FOUND and nothing
/// is written.
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
}
