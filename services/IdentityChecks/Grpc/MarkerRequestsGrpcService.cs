using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Identity.V1;
using Contract = OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Marker requests (R-IC2, R-IC5): stored with their outbox entry and audit entry in one
/// transaction, then delivered by <see cref="OutboxWorker"/>. Nothing here calls an agency.
/// </summary>
public sealed class MarkerRequestsGrpcService(
    RecordAccess records, IdempotentCreate creates, MarkerRequestStore store, OutboxStore outbox, NominalLookup nominals,
    OutboxSignal signal, IOptions<IdentityChecksOptions> options, TimeProvider clock)
    : MarkerRequestsService.MarkerRequestsServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<CreateMarkerRequestResponse> CreateMarkerRequest(CreateMarkerRequestRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.MarkerRequest?.Nominal ?? "", "marker_request.nominal");
        var requestId = RequestIds.Validate(request.RequestId);
        // R-IC1 before anything is stored or sent.
        var (agency, ground, document) = MarkerRequestValidation.Validate(request.MarkerRequest);
        var nominal = await nominals.GetAsync(call, nominalId);
        var response = await creates.RunAsync(call, $"CreateMarkerRequest:{call.Force}", requestId, request, CreateMarkerRequestResponse.Parser,
            async s =>
            {
                var now = clock.GetUtcNow();
                var id = RequestIds.NewId(now);
                // The case reference is our request's id: it lets the agency's staff find us, and holds no personal data.
                var payload = MarkerPayload.For(agency, document, id, $"{nominal.ForceCode} {options.Value.RequestingUnit}");
                var record = MarkerRequestRecord.Create(id, nominal.Id, nominal.ForceCode, agency, ground, document,
                    call.UserId, payload, now);
                await store.InsertAsync(s, record);
                // The outbox row commits with the request: stored first, delivered after (R-IC5).
                await outbox.InsertAsync(s, RequestIds.NewId(now), OutboxKinds.AgencyMarker, id, nominal.ForceCode, now);
                await records.AuditAsync(s, call, AuditOperation.Collection, record);
                return new IdempotentCreate.Created<CreateMarkerRequestResponse>(record.ResourceName, new CreateMarkerRequestResponse { MarkerRequest = record.ToContract() });
            }, call.Force);
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override Task<GetMarkerRequestResponse> GetMarkerRequest(GetMarkerRequestRequest request, ServerCallContext context)
    {
        var id = MarkerRequestNames.Parse(request.Name, "name");
        return records.GetAsync(context.Scope(), store, id, MarkerRequestNames.Format(id), r => new GetMarkerRequestResponse { MarkerRequest = r.ToContract() });
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListMarkerRequestsResponse> ListMarkerRequests(ListMarkerRequestsRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), store, MarkerRequestNames.Collection, request.Nominal, "nominal", new PageRequest(request.PageSize, request.PageToken));
        return new ListMarkerRequestsResponse { MarkerRequests = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }
}

internal static class MarkerRequestMapping
{
    public static MarkerRequest ToContract(this MarkerRequestRecord r) => new()
    {
        Name = r.ResourceName,
        Nominal = r.Nominal,
        Agency = (Contract.Agency)r.Agency,
        Ground = (Contract.EnquiryGround)r.Ground,
        DrivingLicenceNumber = r.Agency == Agency.Dvla ? r.DocumentNumber : "",
        PassportNumber = r.Agency == Agency.Hmpo ? r.DocumentNumber : "",
        State = (Contract.MarkerRequestState)r.State,
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
