using System.Data.Common;
using System.Reflection;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Intelligence (R-ID2, R-ID3, R-ID4), non-cooperation (R-MG7), significant-change assessment
/// (R-RM6) and the work queues they feed. Handlers authorise, validate, and run each operation with
/// its one audit entry (and any feed event) in one transaction. Only RecordIntelligence reaches
/// across forces; everything else answers another force's records as missing (NOT_FOUND), and a
/// work item outside the caller's queues as missing too.
/// </summary>
public sealed class IntelligenceGrpcService(
    Database database, NominalStore nominals, IntelligenceStore intelligence, WorkItemStore workItems, AuditWriter audit,
    ChangeFeed feed, WorkingDayCalendar calendar, TimeProvider clock, IOptions<ServiceIdentity> identity)
    : IntelligenceService.IntelligenceServiceBase
{
    /// <summary>Attempts at a change that lost an optimistic-concurrency race on the nominal.</summary>
    private const int MaxAttempts = 3;

    [Authorize(Policy = Policies.RecordIntelligence)]
    public override async Task<RecordIntelligenceResponse> RecordIntelligence(RecordIntelligenceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var details = IntelligenceValidation.Validate(request.Intelligence, "intelligence", clock.GetUtcNow());
        var ct = context.CancellationToken;
        var scope = $"RecordIntelligence:{caller.Force}";

        return await WithRetriesAsync(requestId is not null, () => database.InTransactionAsync(async (c, tx) =>
        {
            if (requestId is not null)
            {
                var replay = await LegacyAdapters.FindReplayAsync(c, tx, scope, requestId, request, RecordIntelligenceResponse.Parser, ct);
                if (replay is not null)
                {
                    var owner = await nominals.FindAsync(c, tx, nominalId, ct);
                    await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, replay.ResourceName, owner?.ForceCode ?? caller.Force), ct);
                    return replay.Response;
                }
            }

            // R-ID2: looked up regardless of force, since any officer who encounters a nominal
            // records what they learn; nothing of the nominal goes back to the recorder.
            var nominal = await nominals.FindAsync(c, tx, nominalId, ct) ?? throw new ResourceNotFoundException(NominalNames.Format(nominalId));
            var now = clock.GetUtcNow();
            var record = new IntelligenceRecord(NewId(now), nominal.Id, details, caller.UserId, caller.Force, now, null);
            await intelligence.InsertAsync(c, tx, record, ct);

            var routes = IntelligenceRouter.WorkItemsFor(nominal, details.RiskOfSeriousHarm);
            foreach (var route in routes)
            {
                await workItems.InsertAsync(c, tx, WorkItemRecord.Open(NewId(now), nominal, WorkItemKind.Intelligence, route.Urgent, route.Route,
                    record.ResourceName, ProtoEnums.OriginalName(details.Source), caller.UserId, now), ct);
            }

            var response = new RecordIntelligenceResponse
            {
                Name = record.ResourceName,
                Routing = IntelligenceRouter.Outcome(routes),
                SupervisorsNotified = routes.Any(r => r.Route.Queue == WorkQueue.Supervisors),
                Urgent = details.RiskOfSeriousHarm,
            };
            if (requestId is not null)
            {
                await LegacyAdapters.RecordReplayAsync(c, tx, scope, requestId, request, nominal.ResourceName, response, now, ct);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, nominal.ResourceName, nominal.ForceCode), ct);
            return response;
        }, ct));
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<GetIntelligenceResponse> GetIntelligence(GetIntelligenceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var (nominalId, id) = IntelligenceNames.TryParse(request.Name)
            ?? throw Invalid("name", "must be an intelligence name, nominals/{uuid}/intelligence/{uuid}");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var record = await intelligence.FindAsync(c, tx, nominalId, id, ct) ?? throw new ResourceNotFoundException(request.Name);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, nominal.ForceCode), ct);
            return new GetIntelligenceResponse { Intelligence = record.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListIntelligenceResponse> ListIntelligence(ListIntelligenceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, 50, 200);
        var fingerprint = $"intelligence:{caller.Force}:{nominalId}";
        var before = PageToken.Decode(request.PageToken, fingerprint);
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var records = await intelligence.ListAsync(c, tx, nominalId, before, size + 1, ct);
            var response = new ListIntelligenceResponse { Intelligence = { records.Take(size).Select(r => r.ToContract()) } };
            if (records.Count > size)
            {
                response.NextPageToken = PageToken.Encode(records[size - 1].Id, fingerprint);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation,
                $"{nominal.ResourceName}/{IntelligenceNames.IntelligenceCollection}", nominal.ForceCode), ct);
            return response;
        }, ct);
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AssessIntelligenceResponse> AssessIntelligence(AssessIntelligenceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var (nominalId, id) = IntelligenceNames.TryParse(request.Name)
            ?? throw Invalid("name", "must be an intelligence name, nominals/{uuid}/intelligence/{uuid}");
        var (significance, actions, rationale) = IntelligenceValidation.Validate(request.Assessment, "assessment");
        SignificantChange.CheckActions(significance, actions, "assessment.actions");
        var ct = context.CancellationToken;

        var (result, published) = await WithRetriesAsync(false, () => database.InTransactionAsync(async (c, tx) =>
        {
            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var record = await intelligence.FindAsync(c, tx, nominalId, id, ct) ?? throw new ResourceNotFoundException(request.Name);
            if (!SignificantChange.MayAssess(nominal, caller))
            {
                throw PermissionDenied("NOT_OFFICER_OR_SUPERVISOR", "Only the nominal's MOSOVO officer or a supervisor may assess its intelligence.");
            }
            if (record.Assessment is not null)
            {
                throw AlreadyAssessed();
            }

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            DateOnly? armsDue = null;
            if (significance == ChangeSignificance.Significant)
            {
                // R-RM6: a significant change requires an ARMS review (period: see SignificantChange).
                var management = SignificantChange.Apply(nominal.Management,
                    calendar.AddWorkingDays(today, SignificantChange.ArmsReviewWorkingDays), today);
                var updated = nominal with { Management = management, UpdateTime = now, Version = nominal.Version + 1 };
                if (!await nominals.UpdateAsync(c, tx, updated, nominal.Version, ct))
                {
                    throw new EtagMismatchException(nominal.ResourceName);
                }
                armsDue = management.ArmsDueDate;
                await feed.PublishAsync(c, tx, NominalEventType.SignificantChange, nominal.Id, nominal.ForceCode, armsDue,
                    new Dictionary<string, string> { ["intelligence"] = record.ResourceName }, ct);
            }

            var assessment = new IntelligenceAssessmentRecord(significance, actions, rationale, caller.UserId, now, armsDue);
            if (!await intelligence.SetAssessmentAsync(c, tx, record.Id, assessment, ct))
            {
                throw AlreadyAssessed();
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, record.ResourceName, nominal.ForceCode), ct);
            return (new AssessIntelligenceResponse { Intelligence = (record with { Assessment = assessment }).ToContract() }, armsDue is not null);
        }, ct));
        if (published)
        {
            feed.NotifyCommitted();
        }
        return result;
    }

    [Authorize(Policy = Policies.RecordIntelligence)]
    public override async Task<RecordNonCooperationResponse> RecordNonCooperation(RecordNonCooperationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var (kind, details, occurTime) = IntelligenceValidation.Validate(request.NonCooperation, "non_cooperation", clock.GetUtcNow());
        var ct = context.CancellationToken;
        var scope = $"RecordNonCooperation:{caller.Force}";

        var (response, published) = await WithRetriesAsync(requestId is not null, () => database.InTransactionAsync(async (c, tx) =>
        {
            if (requestId is not null)
            {
                var replay = await LegacyAdapters.FindReplayAsync(c, tx, scope, requestId, request, RecordNonCooperationResponse.Parser, ct);
                if (replay is not null)
                {
                    await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, replay.ResourceName, caller.Force), ct);
                    return (replay.Response, false);
                }
            }

            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var now = clock.GetUtcNow();
            var record = new NonCooperationRecord(NewId(now), nominal.Id, kind, details, occurTime, caller.UserId, now);
            await intelligence.InsertNonCooperationAsync(c, tx, record, ct);

            // R-MG7: non-cooperation flags the nominal for review.
            var updated = nominal with
            {
                Management = NonCooperationReview.Flag(nominal.Management, kind),
                UpdateTime = now,
                Version = nominal.Version + 1,
            };
            if (!await nominals.UpdateAsync(c, tx, updated, nominal.Version, ct))
            {
                throw new EtagMismatchException(nominal.ResourceName);
            }
            var item = WorkItemRecord.Open(NewId(now), nominal, WorkItemKind.NonCooperation, urgent: false, WorkItemRoute.ToOfficerOf(nominal),
                record.ResourceName, ProtoEnums.OriginalName(kind), caller.UserId, now);
            await workItems.InsertAsync(c, tx, item, ct);
            await feed.PublishAsync(c, tx, NominalEventType.NonCooperation, nominal.Id, nominal.ForceCode, null,
                new Dictionary<string, string> { ["kind"] = ProtoEnums.OriginalName(kind), ["non_cooperation"] = record.ResourceName }, ct);

            var result = new RecordNonCooperationResponse { NonCooperation = record.ToContract(), WorkItem = item.ResourceName };
            if (requestId is not null)
            {
                await LegacyAdapters.RecordReplayAsync(c, tx, scope, requestId, request, record.ResourceName, result, now, ct);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode), ct);
            return (result, true);
        }, ct));
        if (published)
        {
            feed.NotifyCommitted();
        }
        return response;
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListNonCooperationResponse> ListNonCooperation(ListNonCooperationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, 50, 200);
        var fingerprint = $"nonCooperation:{caller.Force}:{nominalId}";
        var before = PageToken.Decode(request.PageToken, fingerprint);
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var records = await intelligence.ListNonCooperationAsync(c, tx, nominalId, before, size + 1, ct);
            var response = new ListNonCooperationResponse { NonCooperation = { records.Take(size).Select(r => r.ToContract()) } };
            if (records.Count > size)
            {
                response.NextPageToken = PageToken.Encode(records[size - 1].Id, fingerprint);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation,
                $"{nominal.ResourceName}/{IntelligenceNames.NonCooperationCollection}", nominal.ForceCode), ct);
            return response;
        }, ct);
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ListWorkItemsResponse> ListWorkItems(ListWorkItemsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new Validator();
        v.DefinedEnum("queue", request.Queue, required: false).DefinedEnum("state", request.State, required: false).ThrowIfInvalid();
        var queue = request.Queue == WorkQueue.Unspecified ? WorkQueue.Officer : request.Queue;
        if (queue == WorkQueue.Supervisors && !caller.IsInRole(Roles.Supervisor))
        {
            throw PermissionDenied("NOT_IN_QUEUE", "The supervisors' queue is for supervisors.");
        }
        var size = PageToken.Size(request.PageSize, 50, 200);
        var fingerprint = $"workItems:{caller.Force}:{caller.UserId}:{(int)queue}:{(int)request.State}";
        var after = DecodeCursor(PageToken.Decode(request.PageToken, fingerprint));
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var items = await workItems.ListAsync(c, tx, caller.Force, queue, caller.UserId, request.State, after, size + 1, ct);
            var response = new ListWorkItemsResponse { WorkItems = { items.Take(size).Select(i => i.ToContract()) } };
            if (items.Count > size)
            {
                var last = items[size - 1];
                response.NextPageToken = PageToken.Encode($"{(last.Urgent ? 1 : 0)}:{last.Id}", fingerprint);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, WorkItemNames.AllCollection, caller.Force), ct);
            return response;
        }, ct);
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<GetWorkItemResponse> GetWorkItem(GetWorkItemRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var (nominalId, id) = ParseWorkItem(request.Name);
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var item = await FindInQueueAsync(c, tx, nominalId, id, caller, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, item.ResourceName, item.ForceCode), ct);
            return new GetWorkItemResponse { WorkItem = item.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AcknowledgeWorkItemResponse> AcknowledgeWorkItem(AcknowledgeWorkItemRequest request, ServerCallContext context)
    {
        var (nominalId, id) = ParseWorkItem(request.Name);
        var expected = RequireEtag(request.Etag, new Validator());
        var item = await ChangeWorkItemAsync(context, nominalId, id, expected, (w, caller, now) => w.Acknowledge(caller.UserId, now));
        return new AcknowledgeWorkItemResponse { WorkItem = item };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<CloseWorkItemResponse> CloseWorkItem(CloseWorkItemRequest request, ServerCallContext context)
    {
        var (nominalId, id) = ParseWorkItem(request.Name);
        var v = new Validator();
        v.Required("outcome", request.Outcome).MaxLength("outcome", request.Outcome, IntelligenceValidation.MaxTextLength);
        var expected = RequireEtag(request.Etag, v);
        var item = await ChangeWorkItemAsync(context, nominalId, id, expected, (w, caller, now) => w.Close(caller.UserId, request.Outcome, now));
        return new CloseWorkItemResponse { WorkItem = item };
    }

    [Authorize(Policy = Policies.ServiceOnly)]
    public override async Task<CreateWorkItemResponse> CreateWorkItem(CreateWorkItemRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        IntelligenceValidation.ValidateServiceWorkItem(request);
        var ct = context.CancellationToken;
        var scope = $"CreateWorkItem:{caller.Force}";

        return await WithRetriesAsync(requestId is not null, () => database.InTransactionAsync(async (c, tx) =>
        {
            if (requestId is not null)
            {
                var replay = await LegacyAdapters.FindReplayAsync(c, tx, scope, requestId, request, CreateWorkItemResponse.Parser, ct);
                if (replay is not null)
                {
                    await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, replay.ResourceName, caller.Force), ct);
                    return replay.Response;
                }
            }
            var nominal = await FindVisibleNominalAsync(c, tx, nominalId, caller, ct);
            var now = clock.GetUtcNow();
            var item = WorkItemRecord.Open(NewId(now), nominal, request.Kind, request.Urgent, WorkItemRoute.ToOfficerOf(nominal),
                request.Reference, request.SummaryCode, caller.UserId, now);
            await workItems.InsertAsync(c, tx, item, ct);
            var response = new CreateWorkItemResponse { WorkItem = item.ToContract() };
            if (requestId is not null)
            {
                await LegacyAdapters.RecordReplayAsync(c, tx, scope, requestId, request, item.ResourceName, response, now, ct);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, item.ResourceName, nominal.ForceCode), ct);
            return response;
        }, ct));
    }

    /// <summary>Reads a work item in one of the caller's queues, checks its etag, changes it and audits it.</summary>
    private async Task<WorkItem> ChangeWorkItemAsync(ServerCallContext context, string nominalId, string id, long expectedVersion,
        Func<WorkItemRecord, Caller, DateTimeOffset, WorkItemRecord> change)
    {
        var caller = Caller.From(context);
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var item = await FindInQueueAsync(c, tx, nominalId, id, caller, ct);
            if (item.Version != expectedVersion)
            {
                throw new EtagMismatchException(item.ResourceName);
            }
            var updated = change(item, caller, clock.GetUtcNow());
            if (!await workItems.UpdateAsync(c, tx, updated, item.Version, ct))
            {
                throw new EtagMismatchException(item.ResourceName);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, updated.ResourceName, updated.ForceCode), ct);
            return updated.ToContract();
        }, ct);
    }

    /// <summary>The nominal, if it exists and belongs to the caller's force; NOT_FOUND otherwise.</summary>
    private async Task<NominalRecord> FindVisibleNominalAsync(DbConnection c, DbTransaction tx, string id, Caller caller, CancellationToken ct)
    {
        var record = await nominals.FindAsync(c, tx, id, ct);
        if (record is null || record.ForceCode != caller.Force)
        {
            throw new ResourceNotFoundException(NominalNames.Format(id));
        }
        return record;
    }

    /// <summary>The work item, if it is in one of the caller's queues; NOT_FOUND otherwise, so that it is not disclosed.</summary>
    private async Task<WorkItemRecord> FindInQueueAsync(DbConnection c, DbTransaction tx, string nominalId, string id, Caller caller, CancellationToken ct)
    {
        var item = await workItems.FindAsync(c, tx, nominalId, id, ct);
        if (item is null || !item.IsInQueueOf(caller))
        {
            throw new ResourceNotFoundException(WorkItemNames.Format(nominalId, id));
        }
        return item;
    }

    /// <summary>
    /// Runs a transaction again when a concurrent create with the same request_id won the race
    /// (the repeat then returns the winner's result), or when a concurrent change to the nominal
    /// won (the repeat reads it afresh). The caller sent no etag for the nominal, so that race is
    /// ours to retry; after <see cref="MaxAttempts"/> it is ABORTED.
    /// </summary>
    private static async Task<T> WithRetriesAsync<T>(bool idempotent, Func<Task<T>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (DbException e) when (n < MaxAttempts && idempotent && Database.IsUniqueViolation(e))
            {
            }
            catch (EtagMismatchException) when (n < MaxAttempts)
            {
            }
        }
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
            : throw Invalid("page_token", "is not a token from this query");
    }

    private static string ParseNominal(string name, string field) =>
        NominalNames.TryParse(name) ?? throw Invalid(field, "must be a nominal name, nominals/{uuid}");

    private static (string NominalId, string Id) ParseWorkItem(string name) =>
        WorkItemNames.TryParse(name) ?? throw Invalid("name", "must be a work item name, nominals/{uuid}/workItems/{uuid}");

    private static long RequireEtag(string etag, Validator v)
    {
        var parsed = Etag.Parse(etag);
        v.Check(parsed is not null, "etag", "is required: send the etag from the work item you read").ThrowIfInvalid();
        return parsed!.Value;
    }

    private static ValidationFailedException Invalid(string field, string description) => new([new FieldProblem(field, description)]);

    private static PreconditionFailedException AlreadyAssessed() =>
        new("ALREADY_ASSESSED", "name", "The intelligence has already been assessed.");

    private RpcException PermissionDenied(string reason, string description) =>
        RpcErrors.Build(Google.Rpc.Code.PermissionDenied, description, identity.Value.ErrorDomain, reason);

    private static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("D");

}

/// <summary>Intelligence, non-cooperation and work item records to contract messages.</summary>
internal static class IntelligenceMapping
{
    public static Intelligence ToContract(this IntelligenceRecord r)
    {
        var message = new Intelligence
        {
            Name = r.ResourceName,
            Source = r.Details.Source,
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
                Significance = a.Significance,
                Actions = { a.Actions },
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
        Kind = r.Kind,
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
        Kind = w.Kind,
        Urgent = w.Urgent,
        State = w.State,
        Queue = w.Route.Queue,
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
