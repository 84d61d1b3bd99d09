using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Marker requests (R-IC2, R-IC5): stored with their outbox entry and audit entry in one
/// transaction, then delivered by <see cref="OutboxWorker"/>. Nothing here calls an agency.
/// </summary>
public sealed class MarkerRequestsGrpcService(
    Database database, IdempotentCreate creates, AuditedPages pages, MarkerRequestStore store, OutboxStore outbox, AuditWriter audit, NominalDirectory nominals,
    OutboxSignal signal, IOptions<IdentityChecksOptions> options, TimeProvider clock)
    : MarkerRequestsService.MarkerRequestsServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<CreateMarkerRequestResponse> CreateMarkerRequest(CreateMarkerRequestRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.MarkerRequest?.Nominal ?? "", "marker_request.nominal");
        var requestId = Requests.RequestId(request.RequestId);
        // R-IC1 before anything is stored or sent.
        var (agency, document) = MarkerRequestValidation.Validate(request.MarkerRequest);
        var nominal = await nominals.GetAsync(nominalId, caller.Force, context.CancellationToken);
        var response = await creates.RunAsync(context, $"CreateMarkerRequest:{caller.Force}", requestId, request, CreateMarkerRequestResponse.Parser, caller.Force,
            async (c, tx) =>
            {
                var ct = context.CancellationToken;
                var now = clock.GetUtcNow();
                var id = ResourceIds.New(now);
                var record = MarkerRequestRecord.Create(id, nominal.Id, nominal.ForceCode, agency, request.MarkerRequest!.Ground, document,
                    caller.UserId, $"{nominal.ForceCode} {options.Value.RequestingUnit}", now);
                await store.InsertAsync(c, tx, record, ct);
                // The outbox row commits with the request: stored first, delivered after (R-IC5).
                await outbox.InsertAsync(c, tx, ResourceIds.New(now), OutboxKinds.AgencyMarker, id, nominal.ForceCode, now, ct);
                await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode), ct);
                return new IdempotentCreate.Created<CreateMarkerRequestResponse>(record.ResourceName, new CreateMarkerRequestResponse { MarkerRequest = record.ToContract() });
            });
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<GetMarkerRequestResponse> GetMarkerRequest(GetMarkerRequestRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = MarkerRequestNames.TryParse(request.Name) ?? throw Requests.Invalid("name", "must be a marker request name, markerRequests/{uuid}");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var record = await store.FindAsync(c, tx, id, ct);
            if (record is null || record.ForceCode != caller.Force)
            {
                throw new ResourceNotFoundException(MarkerRequestNames.Format(id));
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode), ct);
            return new GetMarkerRequestResponse { MarkerRequest = record.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListMarkerRequestsResponse> ListMarkerRequests(ListMarkerRequestsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"markerRequests:{caller.Force}:{nominalId}",
            (c, tx, before, limit, ct) => store.ListForNominalAsync(c, tx, caller.Force, nominalId, before, limit, ct), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), caller.Force));
        return new ListMarkerRequestsResponse { MarkerRequests = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }
}

internal static class MarkerRequestMapping
{
    public static MarkerRequest ToContract(this MarkerRequestRecord r) => new()
    {
        Name = r.ResourceName,
        Nominal = r.Nominal,
        Agency = r.Agency,
        Ground = r.Ground,
        DrivingLicenceNumber = r.Agency == Agency.Dvla ? r.DocumentNumber : "",
        PassportNumber = r.Agency == Agency.Hmpo ? r.DocumentNumber : "",
        State = r.State,
        MarkerId = r.MarkerId,
        AgencyOutcome = r.AgencyOutcome,
        RejectionReason = r.RejectionReason,
        DeliveryAttempts = r.Attempts,
        LastFailure = r.LastFailure,
        NextAttemptTime = r.State == MarkerRequestState.Pending && r.NextAttemptTime is { } next ? Timestamp.FromDateTimeOffset(next) : null,
        RequestedBy = r.RequestedBy,
        CreateTime = Timestamp.FromDateTimeOffset(r.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(r.UpdateTime),
        DeliverTime = r.DeliverTime is { } d ? Timestamp.FromDateTimeOffset(d) : null,
        IdempotencyKey = r.IdempotencyKey,
    };
}
