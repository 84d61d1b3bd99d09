using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Intelligence (R-ID2, R-ID3, R-ID4), non-cooperation (R-MG7), significant-change assessment
/// (R-RM6) and the work queues they feed. Handlers authorise, validate, and run each operation with
/// its one audit entry (and any feed event) in one transaction. Only RecordIntelligence reaches
/// across forces; everything else answers another force's records as missing (NOT_FOUND), and a
/// work item outside the caller's queues as missing too.
/// </summary>
public sealed class IntelligenceGrpcService(
    RecordAccess records, IdempotentCreate creates, NominalStore nominals, IntelligenceStore intelligence, WorkItemStore workItems,
    IntelligenceRecorder recorder, ArmsSchedule arms, TimeProvider clock, IOptions<ServiceIdentity> identity)
    : IntelligenceService.IntelligenceServiceBase
{
    [Authorize(Policy = Policies.RecordIntelligence)]
    public override async Task<RecordIntelligenceResponse> RecordIntelligence(RecordIntelligenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var details = IntelligenceValidation.Validate(request.Intelligence, "intelligence", clock.GetUtcNow());
        // A repeat is consulted against the nominal's owning force, which may not be the caller's.
        var owner = requestId is null ? null : await records.ReadAsync(call, s => nominals.FindAsync(s, nominalId));

        return await creates.RunAsync(call, $"RecordIntelligence:{call.Force}", requestId, request, RecordIntelligenceResponse.Parser, async s =>
        {
            // R-ID2: looked up regardless of force, since any officer who encounters a nominal
            // records what they learn; nothing of the nominal goes back to the recorder.
            var nominal = await nominals.FindAsync(s, nominalId) ?? throw new ResourceNotFoundException(NominalNames.Format(nominalId));
            var (record, routes) = await recorder.RecordIntelligenceAsync(s, nominal, details, call.UserId, call.Force, clock.GetUtcNow());
            await records.AuditAsync(s, call, AuditOperation.Collection, nominal);
            return new IdempotentCreate.Created<RecordIntelligenceResponse>(nominal.ResourceName, new RecordIntelligenceResponse
            {
                Name = record.ResourceName,
                Routing = (Contract.IntelligenceRouting)IntelligenceRouter.Outcome(routes, nominal.ForceCode == call.Force),
                SupervisorsNotified = routes.Any(r => r.Route.Queue == WorkQueue.Supervisors),
                Urgent = details.RiskOfSeriousHarm,
            });
        }, owner?.ForceCode ?? call.Force);
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<GetIntelligenceResponse> GetIntelligence(GetIntelligenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = IntelligenceNames.TryParse(request.Name)
            ?? throw ValidationFailedException.For("name", "must be an intelligence name, nominals/{uuid}/intelligence/{uuid}");
        return await records.RunAsync(call, async s =>
        {
            var nominal = await FindVisibleNominalAsync(s, call, nominalId);
            var record = await intelligence.FindAsync(s, nominalId, id) ?? throw new ResourceNotFoundException(request.Name);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, record.ResourceName, nominal.ForceCode));
            return new GetIntelligenceResponse { Intelligence = record.ToContract() };
        });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListIntelligenceResponse> ListIntelligence(ListIntelligenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var page = await ListOfNominalAsync(call, request.PageSize, request.PageToken, "intelligence", nominalId, IntelligenceNames.IntelligenceCollection,
            (s, before, limit) => intelligence.ListAsync(s, nominalId, before, limit), r => r.Id);
        return new ListIntelligenceResponse { Intelligence = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AssessIntelligenceResponse> AssessIntelligence(AssessIntelligenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = IntelligenceNames.TryParse(request.Name)
            ?? throw ValidationFailedException.For("name", "must be an intelligence name, nominals/{uuid}/intelligence/{uuid}");
        var (significance, actions, rationale) = IntelligenceValidation.Validate(request.Assessment, "assessment");
        SignificantChange.CheckActions(significance, actions, "assessment.actions");

        return await IntelligenceRecorder.RetryOnConcurrentChangeAsync(() => records.RunAsync(call, async s =>
        {
            var nominal = await FindVisibleNominalAsync(s, call, nominalId);
            var record = await intelligence.FindAsync(s, nominalId, id) ?? throw new ResourceNotFoundException(request.Name);
            if (!SignificantChange.MayAssess(nominal, call.Staff()))
            {
                throw PermissionDenied("NOT_OFFICER_OR_SUPERVISOR", "Only the nominal's MOSOVO officer or a supervisor may assess its intelligence.");
            }
            if (record.Assessment is not null)
            {
                throw AlreadyAssessed();
            }

            var now = clock.GetUtcNow();
            DateOnly? armsDue = null;
            if (significance == ChangeSignificance.Significant)
            {
                // R-RM6: a significant change requires an ARMS review (period: see ArmsSchedule).
                var (_, change) = await recorder.ChangeNominalAsync(s, call.UserId, nominal, now, n => n.RecordSignificantChange(record.ResourceName, now, arms));
                armsDue = change.LedgerEntries.OfType<RaiseObligation>().Single().DueDate;
            }

            var assessment = new IntelligenceAssessmentRecord(significance, actions, rationale, call.UserId, now, armsDue);
            if (!await intelligence.SetAssessmentAsync(s, record.Id, assessment))
            {
                throw AlreadyAssessed();
            }
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Alteration, record.ResourceName, nominal.ForceCode));
            return new AssessIntelligenceResponse { Intelligence = (record with { Assessment = assessment }).ToContract() };
        }));
    }

    [Authorize(Policy = Policies.RecordIntelligence)]
    public override async Task<RecordNonCooperationResponse> RecordNonCooperation(RecordNonCooperationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var (kind, details, occurTime) = IntelligenceValidation.Validate(request.NonCooperation, "non_cooperation", clock.GetUtcNow());

        return await IntelligenceRecorder.RetryOnConcurrentChangeAsync(() => creates.RunAsync(call, $"RecordNonCooperation:{call.Force}", requestId, request,
            RecordNonCooperationResponse.Parser, async s =>
        {
            var nominal = await FindVisibleNominalAsync(s, call, nominalId);
            // R-MG7: non-cooperation flags the nominal for review.
            var (record, item, _) = await recorder.RecordNonCooperationAsync(s, nominal, kind, details, occurTime, call.UserId, clock.GetUtcNow());
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode));
            return new IdempotentCreate.Created<RecordNonCooperationResponse>(record.ResourceName,
                new RecordNonCooperationResponse { NonCooperation = record.ToContract(), WorkItem = item.ResourceName });
        }));
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListNonCooperationResponse> ListNonCooperation(ListNonCooperationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var page = await ListOfNominalAsync(call, request.PageSize, request.PageToken, "nonCooperation", nominalId, IntelligenceNames.NonCooperationCollection,
            (s, before, limit) => intelligence.ListNonCooperationAsync(s, nominalId, before, limit), r => r.Id);
        var response = new ListNonCooperationResponse { NextPageToken = page.NextPageToken };
        response.NonCooperation.AddRange(page.Items.Select(r => r.ToContract()));
        return response;
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ListWorkItemsResponse> ListWorkItems(ListWorkItemsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.DefinedEnum("queue", request.Queue, required: false).DefinedEnum("state", request.State, required: false).ThrowIfInvalid();
        var queue = request.Queue == Contract.WorkQueue.Unspecified ? WorkQueue.Officer : (WorkQueue)request.Queue;
        if (queue == WorkQueue.Supervisors && !call.IsInRole(Roles.Supervisor))
        {
            throw PermissionDenied("NOT_IN_QUEUE", "The supervisors' queue is for supervisors.");
        }
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken),
            $"workItems:{call.Force}:{call.UserId}:{(int)queue}:{(int)request.State}",
            (s, after, limit) => workItems.ListAsync(s, call.Force, queue, call.UserId, (WorkItemState)request.State, DecodeCursor(after), limit),
            i => $"{(i.Urgent ? 1 : 0)}:{i.Id}",
            new AuditEvent(AuditOperation.Consultation, WorkItemNames.AllCollection, call.Force));
        return new ListWorkItemsResponse { WorkItems = { page.Items.Select(i => i.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<GetWorkItemResponse> GetWorkItem(GetWorkItemRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseWorkItem(request.Name);
        return await records.GetAsync(call, QueueOf(call, nominalId), id, request.Name, w => new GetWorkItemResponse { WorkItem = w.ToContract() });
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AcknowledgeWorkItemResponse> AcknowledgeWorkItem(AcknowledgeWorkItemRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseWorkItem(request.Name);
        var expected = Etag.Require(request.Etag, "etag", "work item");
        return await records.UpdateAsync(call, QueueOf(call, nominalId), id, request.Name, expected,
            (w, now) => w.Acknowledge(call.UserId, now), w => new AcknowledgeWorkItemResponse { WorkItem = w.ToContract() });
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<CloseWorkItemResponse> CloseWorkItem(CloseWorkItemRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseWorkItem(request.Name);
        var v = new Validator();
        v.Required("outcome", request.Outcome).MaxLength("outcome", request.Outcome, IntelligenceValidation.MaxTextLength);
        var expected = Etag.Require(request.Etag, v, "etag", "work item");
        v.ThrowIfInvalid();
        return await records.UpdateAsync(call, QueueOf(call, nominalId), id, request.Name, expected,
            (w, now) => w.Close(call.UserId, request.Outcome, now), w => new CloseWorkItemResponse { WorkItem = w.ToContract() });
    }

    [Authorize(Policy = Policies.ServiceOnly)]
    public override async Task<CreateWorkItemResponse> CreateWorkItem(CreateWorkItemRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        IntelligenceValidation.ValidateServiceWorkItem(request);

        return await creates.RunAsync(call, $"CreateWorkItem:{call.Force}", requestId, request, CreateWorkItemResponse.Parser, async s =>
        {
            var nominal = await FindVisibleNominalAsync(s, call, nominalId);
            var now = clock.GetUtcNow();
            var item = WorkItemRecord.Open(RequestIds.NewId(now), nominal, (WorkItemKind)request.Kind, request.Urgent, WorkItemRoute.ToOfficerOf(nominal),
                request.Reference, request.SummaryCode, call.UserId, now);
            await workItems.InsertAsync(s, item);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, item.ResourceName, nominal.ForceCode));
            return new IdempotentCreate.Created<CreateWorkItemResponse>(item.ResourceName, new CreateWorkItemResponse { WorkItem = item.ToContract() });
        });
    }

    /// <summary>
    /// One page of a nominal's records (intelligence or non-cooperation): the nominal must be
    /// visible first, and the read is a consultation of its <paramref name="collection"/>.
    /// </summary>
    private Task<Page<T>> ListOfNominalAsync<T>(CallScope call, int pageSize, string pageToken, string query, string nominalId, string collection,
        Func<Session, string?, int, Task<IReadOnlyList<T>>> fetch, Func<T, string> key) =>
        records.ListAsync(call, new PageRequest(pageSize, pageToken), $"{query}:{call.Force}:{nominalId}", fetch, key,
            new AuditEvent(AuditOperation.Consultation, $"{NominalNames.Format(nominalId)}/{collection}", call.Force),
            async s =>
            {
                var nominal = await FindVisibleNominalAsync(s, call, nominalId);
                return new AuditEvent(AuditOperation.Consultation, $"{nominal.ResourceName}/{collection}", nominal.ForceCode);
            });

    private Task<NominalRecord> FindVisibleNominalAsync(Session s, CallScope call, string id) =>
        RecordAccess.FindVisibleAsync(s, call, nominals, id, NominalNames.Format(id));

    /// <summary>The work items the caller may see and act on under the named nominal (R-ID2, R-ID3).</summary>
    private WorkQueueView QueueOf(CallScope call, string nominalId) => new(workItems, nominalId, call.Staff());

    /// <summary>
    /// The work items in the caller's queues, as the access path reads and writes them: an item
    /// about another nominal than its name says, or outside the caller's queues, is not there
    /// (NOT_FOUND, so that it is not disclosed). Whose force it is RecordAccess decides.
    /// </summary>
    private sealed class WorkQueueView(WorkItemStore items, string nominalId, StaffMember staff) : IRecordStore<WorkItemRecord>
    {
        public async Task<WorkItemRecord?> FindAsync(Session session, string id) =>
            await items.FindAsync(session, id) is { } item && item.NominalId == nominalId && item.IsInQueueOf(staff) ? item : null;

        public Task<bool> UpdateAsync(Session session, WorkItemRecord updated, long expectedVersion) =>
            items.UpdateAsync(session, updated, expectedVersion);
    }

    private static WorkItemStore.Cursor? DecodeCursor(string? key)
    {
        if (key is null)
        {
            return null;
        }
        var parts = key.Split(':');
        return parts is [("0" or "1") and var urgent, var id] && Guid.TryParseExact(id, "D", out _)
            ? new WorkItemStore.Cursor(urgent == "1", id)
            : throw ValidationFailedException.For("page_token", "is not a token from this query");
    }

    private static (string NominalId, string Id) ParseWorkItem(string name) =>
        WorkItemNames.TryParse(name) ?? throw ValidationFailedException.For("name", "must be a work item name, nominals/{uuid}/workItems/{uuid}");

    private static PreconditionFailedException AlreadyAssessed() =>
        new("ALREADY_ASSESSED", "name", "The intelligence has already been assessed.");

    private RpcException PermissionDenied(string reason, string description) =>
        RpcErrors.Build(Google.Rpc.Code.PermissionDenied, description, identity.Value.ErrorDomain, reason);

}

/// <summary>Intelligence, non-cooperation and work item records to contract messages.</summary>
internal static class IntelligenceMapping
{
    public static Intelligence ToContract(this IntelligenceRecord r)
    {
        var message = new Intelligence
        {
            Name = r.ResourceName,
            Source = (Contract.IntelligenceSource)r.Details.Source,
            OtherAgency = r.Details.OtherAgency,
            Text = r.Details.Text,
            ObserveTime = Timestamp.FromDateTimeOffset(r.Details.ObserveTime),
            Location = r.Details.Location,
            RiskOfSeriousHarm = r.Details.RiskOfSeriousHarm,
            RecordedBy = r.RecordedBy,
            RecorderForce = r.RecorderForce,
            RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime),
        };
        if (r.Assessment is { } a)
        {
            message.Assessment = new IntelligenceAssessment
            {
                Significance = (Contract.ChangeSignificance)a.Significance,
                Actions = { a.Actions.Select(x => (Contract.AssessmentAction)x) },
                Rationale = a.Rationale,
                AssessedBy = a.AssessedBy,
                AssessTime = Timestamp.FromDateTimeOffset(a.AssessTime),
                ArmsDueDate = a.ArmsDueDate?.ToContract(),
            };
        }
        return message;
    }

    public static NonCooperation ToContract(this NonCooperationRecord r) => new()
    {
        Name = r.ResourceName,
        Kind = (Contract.NonCooperationKind)r.Kind,
        Details = r.Details,
        OccurTime = Timestamp.FromDateTimeOffset(r.OccurTime),
        RecordedBy = r.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime),
    };

    public static WorkItem ToContract(this WorkItemRecord w) => new()
    {
        Name = w.ResourceName,
        Nominal = NominalNames.Format(w.NominalId),
        ForceCode = w.ForceCode,
        Kind = (Contract.WorkItemKind)w.Kind,
        Urgent = w.Urgent,
        State = (Contract.WorkItemState)w.State,
        Queue = (Contract.WorkQueue)w.Route.Queue,
        Assignee = w.Route.Assignee,
        AssigneeRole = w.Route.AssigneeRole,
        Reference = w.Reference,
        SummaryCode = w.SummaryCode,
        CreateTime = Timestamp.FromDateTimeOffset(w.CreateTime),
        CreatedBy = w.CreatedBy,
        AcknowledgeTime = w.AcknowledgeTime is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        AcknowledgedBy = w.AcknowledgedBy,
        CloseTime = w.CloseTime is { } c ? Timestamp.FromDateTimeOffset(c) : null,
        ClosedBy = w.ClosedBy,
        Outcome = w.Outcome,
        Etag = Etag.From(w.Version),
    };
}
