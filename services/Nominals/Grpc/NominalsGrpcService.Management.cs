using System.Data.Common;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>Management of a nominal: officer, status, MAPPA, lead agency, sentence, orders, transfer, erasure.</summary>
public sealed partial class NominalsGrpcService
{
    private const int MaxReasonLength = 1000;

    /// <summary>An event to publish on the change feed with the change that causes it.</summary>
    private sealed record FeedEvent(NominalEventType Type, DateOnly? ArmsDueDate = null, IReadOnlyDictionary<string, string>? Attributes = null);

    private sealed record Change(NominalRecord Updated, IReadOnlyList<FeedEvent> Events);

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AssignOfficerResponse> AssignOfficer(AssignOfficerRequest request, ServerCallContext context)
    {
        var v = new Validator();
        v.Check(ManagementRules.IsValidUserId(request.Officer), "officer", "must be an officer's user id (2-64 letters, digits, '.', '_' or '-')")
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            var m = n.Management;
            return new Change(n with
            {
                Management = m with
                {
                    MosovoOfficer = request.Officer,
                    OfficerHistory = [.. m.OfficerHistory, new OfficerAssignmentEntry(request.Officer, caller.UserId, now, request.Reason)],
                },
            }, []);
        }, v);
        return new AssignOfficerResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListCaseloadResponse> ListCaseload(ListCaseloadRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var officer = string.IsNullOrEmpty(request.Officer) ? caller.UserId : request.Officer;
        if (!ManagementRules.IsValidUserId(officer))
        {
            throw new ValidationFailedException([new FieldProblem("officer", "must be an officer's user id")]);
        }
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"caseload:{caller.Force}:{officer}",
            (c, tx, before, limit, ct) => store.ListCaseloadAsync(c, tx, caller.Force, officer, before, limit, ct), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, caller.Force));
        return new ListCaseloadResponse { Nominals = { page.Items.Select(r => r.ToContract(Today())) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ChangeManagementStatusResponse> ChangeManagementStatus(ChangeManagementStatusRequest request, ServerCallContext context)
    {
        var v = new Validator();
        v.DefinedEnum("status", request.Status)
         .Check(request.Status != ManagementStatus.Pending, "status", "must be ACTIVE, REACTIVE or ENDED")
         .MaxLength("reason", request.Reason, MaxReasonLength);
        if (request.Status is ManagementStatus.Ended or ManagementStatus.Reactive)
        {
            v.Required("reason", request.Reason);
        }
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            ManagementRules.CheckStatusChange(n, request.Status, caller.IsInRole(Roles.Supervisor), Today());
            if (n.Status == request.Status)
            {
                throw new PreconditionFailedException("NO_CHANGE", "status", "the nominal already has this status");
            }
            return new Change(n with
            {
                Status = request.Status,
                Management = n.Management with { EndReason = request.Status == ManagementStatus.Ended ? request.Reason : "" },
            }, []);
        }, v);
        return new ChangeManagementStatusResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<SetMappaManagementResponse> SetMappaManagement(SetMappaManagementRequest request, ServerCallContext context)
    {
        var v = new Validator();
        v.Check(request.Category is >= 1 and <= 4, "category", "must be 1 to 4")
         .Check(request.Level is >= 1 and <= 3, "level", "must be 1 to 3")
         .Required("reason", request.Reason)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            var m = n.Management;
            var entry = new MappaEntry(request.Category, request.Level, request.Reason, caller.UserId, now);
            var events = m.Mappa?.Level == request.Level
                ? Array.Empty<FeedEvent>()
                : [new FeedEvent(NominalEventType.MappaLevelChanged, null, new Dictionary<string, string>
                {
                    ["mappa_level"] = request.Level.ToString(CultureInfo.InvariantCulture),
                    ["previous_mappa_level"] = m.Mappa?.Level.ToString(CultureInfo.InvariantCulture) ?? "",
                    ["mappa_category"] = request.Category.ToString(CultureInfo.InvariantCulture),
                })];
            return new Change(n with { Management = m with { Mappa = entry, MappaHistory = [.. m.MappaHistory, entry] } }, events);
        }, v);
        return new SetMappaManagementResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ChangeLeadAgencyResponse> ChangeLeadAgency(ChangeLeadAgencyRequest request, ServerCallContext context)
    {
        var v = new Validator();
        v.DefinedEnum("lead_agency", request.LeadAgency)
         .MaxLength("manager_authority", request.ManagerAuthority, 200)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            ManagementRules.CheckLeadAgency(n, request.LeadAgency, request.ManagerAuthority);
            var m = n.Management;
            if (m.LeadAgency == request.LeadAgency)
            {
                throw new PreconditionFailedException("NO_CHANGE", "lead_agency", "the nominal already has this lead agency");
            }
            // R-AS5: a police ARMS within 15 working days after a change of lead agency.
            var due = calendar.AddWorkingDays(Today(), ManagementRules.ArmsWorkingDays);
            var entry = new LeadAgencyEntry(request.LeadAgency, request.ManagerAuthority, request.Reason, caller.UserId, now);
            var changed = m.WithArmsDue(due, "lead agency changed (R-AS5)", Today()) with
            {
                LeadAgency = request.LeadAgency,
                LeadAgencyHistory = [.. m.LeadAgencyHistory, entry],
            };
            return new Change(n with { Management = changed }, [new FeedEvent(NominalEventType.LeadAgencyChanged, changed.ArmsDueDate, new Dictionary<string, string>
            {
                ["lead_agency"] = ProtoEnums.OriginalName(request.LeadAgency),
                ["previous_lead_agency"] = ProtoEnums.OriginalName(m.LeadAgency),
            })]);
        }, v);
        return new ChangeLeadAgencyResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<RecordSentenceResponse> RecordSentence(RecordSentenceRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var s = request.Sentence ?? new Sentence();
        var convicted = NominalValidation.ValidateDate(v, s.ConvictionDate, "sentence.conviction_date", required: true);
        var sentenced = NominalValidation.ValidateDate(v, s.SentenceDate, "sentence.sentence_date", required: true);
        v.DefinedEnum("sentence.disposal", s.Disposal);
        if (s.Disposal == Disposal.Custody)
        {
            v.Check(s.CustodyMonths is >= 1 and <= 1200, "sentence.custody_months", "must be 1 to 1200 for custody");
        }
        else
        {
            v.Check(s.CustodyMonths == 0, "sentence.custody_months", "must be 0 unless the disposal is custody");
        }
        v.Check(convicted is null || sentenced is null || sentenced >= convicted, "sentence.sentence_date", "must not be before the conviction date")
         .Check(sentenced is null || sentenced <= Today(), "sentence.sentence_date", "must not be in the future");
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            if (convicted < n.Details.DateOfBirth)
            {
                throw new ValidationFailedException([new FieldProblem("sentence.conviction_date", "must not be before the date of birth")]);
            }
            var sentence = new SentenceRecord(convicted!.Value, sentenced!.Value, s.Disposal, s.CustodyMonths);
            var m = n.Management with { Sentence = sentence };
            var events = new List<FeedEvent>();
            if (ManagementRules.HasConvictionSentenceGap(sentence))
            {
                // R-AS5: an ARMS is required; the rulebook gives no deadline, so the same 15 working days apply.
                var due = calendar.AddWorkingDays(Today(), ManagementRules.ArmsWorkingDays);
                m = m.WithArmsDue(due, "more than six weeks between conviction and sentencing (R-AS5)", Today());
                events.Add(new FeedEvent(NominalEventType.ConvictionSentenceGap, m.ArmsDueDate, new Dictionary<string, string>
                {
                    ["gap_days"] = (sentence.SentenceDate.DayNumber - sentence.ConvictionDate.DayNumber).ToString(CultureInfo.InvariantCulture),
                }));
            }
            return new Change(n with { Management = m }, events);
        }, v);
        return new RecordSentenceResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AddCivilOrderResponse> AddCivilOrder(AddCivilOrderRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var order = request.CivilOrder ?? new CivilOrder();
        v.DefinedEnum("civil_order.type", order.Type)
         .MaxLength("civil_order.description", order.Description, 500);
        if (order.Type == CivilOrderType.Other)
        {
            v.Required("civil_order.description", order.Description);
        }
        var start = NominalValidation.ValidateDate(v, order.StartDate, "civil_order.start_date", required: true);
        var end = NominalValidation.ValidateDate(v, order.EndDate, "civil_order.end_date", required: false);
        v.Check(start is null || end is null || end >= start, "civil_order.end_date", "must not be before the start date");
        var nominal = await ChangeAsync(context, request.Parent, "parent", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            var record = new CivilOrderRecord(Guid.CreateVersion7(now).ToString("D"), order.Type, order.Description.Trim(), start!.Value, end, order.PendingDischarge);
            return new Change(n with { Management = n.Management with { CivilOrders = [.. n.Management.CivilOrders, record] } },
                [new FeedEvent(NominalEventType.CivilOrderAdded, null, new Dictionary<string, string> { ["civil_order_type"] = ProtoEnums.OriginalName(order.Type), ["civil_order"] = CivilOrderNames.Format(n.Id, record.Id) })]);
        }, v);
        return new AddCivilOrderResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<UpdateCivilOrderResponse> UpdateCivilOrder(UpdateCivilOrderRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var order = request.CivilOrder ?? new CivilOrder();
        var parsed = CivilOrderNames.TryParse(order.Name);
        v.Check(parsed is not null, "civil_order.name", "must be nominals/{id}/civilOrders/{order}");
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => p is not ("end_date" or "pending_discharge")))
        {
            v.Add("update_mask", $"'{path}' cannot be updated");
        }
        var end = paths.Contains("end_date") ? NominalValidation.ValidateDate(v, order.EndDate, "civil_order.end_date", required: false) : null;
        var nominal = await ChangeAsync(context, parsed is null ? "" : NominalNames.Format(parsed.Value.NominalId), "civil_order.name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
        {
            var existing = n.Management.CivilOrders.FirstOrDefault(o => o.Id == parsed!.Value.OrderId)
                ?? throw new ResourceNotFoundException(order.Name);
            var changed = existing with
            {
                EndDate = paths.Contains("end_date") ? end : existing.EndDate,
                PendingDischarge = paths.Contains("pending_discharge") ? order.PendingDischarge : existing.PendingDischarge,
            };
            if (changed.EndDate is { } e && e < changed.StartDate)
            {
                throw new ValidationFailedException([new FieldProblem("civil_order.end_date", "must not be before the start date")]);
            }
            return new Change(n with { Management = n.Management with { CivilOrders = n.Management.CivilOrders.Select(o => o.Id == existing.Id ? changed : o).ToArray() } }, []);
        }, v);
        return new UpdateCivilOrderResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<RecordRiskToChildrenResponse> RecordRiskToChildren(RecordRiskToChildrenRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var r = request.RiskToChildren ?? new RiskToChildren();
        v.DefinedEnum("risk_to_children.conclusion", r.Conclusion)
         .Required("risk_to_children.rationale", r.Rationale)
         .MaxLength("risk_to_children.rationale", r.Rationale)
         .Check(r.InformationSources.Count <= 50, "risk_to_children.information_sources", "must have at most 50 entries");
        for (var i = 0; i < r.InformationSources.Count; i++)
        {
            v.MaxLength($"risk_to_children.information_sources[{i}]", r.InformationSources[i], 500);
        }
        v.ThrowIfInvalid();
        ManagementRules.CheckRiskToChildren(r.InformationSources);
        var nominal = await ChangeAsync(context, request.Name, "name", request.Etag, AuditOperation.Alteration, (n, caller, now) =>
            new Change(n with
            {
                Management = n.Management with
                {
                    RiskToChildren = new RiskToChildrenRecord(r.Conclusion, r.InformationSources.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray(), r.Rationale, caller.UserId, now),
                },
            }, []), v);
        return new RecordRiskToChildrenResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<StartTransferResponse> StartTransfer(StartTransferRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var v = new Validator();
        v.Check(ManagementRules.IsValidForce(request.ReceivingForce), "receiving_force", "must be a force code (2-8 capital letters or digits)")
         .Check(request.ReceivingForce != caller.Force, "receiving_force", "must be another force")
         .Required("reason", request.Reason)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var expected = RequireEtag(request.Etag, "etag", v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var n = await FindVisibleAsync(c, tx, id, caller, ct);
            if (n.Version != expected)
            {
                throw new EtagMismatchException(n.ResourceName);
            }
            if (await transfers.HasPendingAsync(c, tx, id, ct))
            {
                throw new PreconditionFailedException("TRANSFER_PENDING", "name", "a transfer of this nominal is already pending");
            }
            var now = clock.GetUtcNow();
            var transfer = new TransferRecord(Guid.CreateVersion7(now).ToString("D"), id, caller.Force, request.ReceivingForce, request.Reason,
                TransferState.Pending, caller.UserId, now, "", null);
            await transfers.InsertAsync(c, tx, transfer, ct);
            // Offering the record to another force discloses it to that force.
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Disclosure, n.ResourceName, n.ForceCode, [request.ReceivingForce]), ct);
            return new StartTransferResponse { Transfer = transfer.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<AcceptTransferResponse> AcceptTransfer(AcceptTransferRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var transferId = request.Name.StartsWith("transfers/", StringComparison.Ordinal) && Guid.TryParseExact(request.Name["transfers/".Length..], "D", out _)
            ? request.Name["transfers/".Length..]
            : throw new ValidationFailedException([new FieldProblem("name", "must be transfers/{uuid}")]);
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var transfer = await transfers.FindAsync(c, tx, transferId, ct);
            // Only the receiving force may accept; to anyone else the transfer does not exist.
            if (transfer is null || transfer.ReceivingForce != caller.Force)
            {
                throw new ResourceNotFoundException(request.Name);
            }
            if (transfer.State != TransferState.Pending)
            {
                throw new PreconditionFailedException("TRANSFER_NOT_PENDING", "name", "the transfer was already accepted");
            }
            var n = await store.FindAsync(c, tx, transfer.NominalId, ct) ?? throw new ResourceNotFoundException(request.Name);
            var now = clock.GetUtcNow();
            // The receiving force names its own officer: until then the nominal is pending there (R-ID1).
            var moved = n with
            {
                ForceCode = caller.Force,
                Status = n.Status is ManagementStatus.Active or ManagementStatus.Reactive ? ManagementStatus.Pending : n.Status,
                Management = n.Management with { MosovoOfficer = "" },
                UpdateTime = now,
                Version = n.Version + 1,
            };
            if (!await store.UpdateAsync(c, tx, moved, n.Version, ct) || !await transfers.MarkAcceptedAsync(c, tx, transferId, caller.UserId, now, ct))
            {
                throw new EtagMismatchException(n.ResourceName);
            }
            // The old officer's open work moves to the new force's unassigned queue; search keys follow the force.
            await workItems.RequeueForTransferAsync(c, tx, n.Id, ct);
            await searchIndex.IndexAsync(c, tx, moved, ct);
            // Both forces' audit shows the move: the sending force's record leaves it, the receiving force's arrives.
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Disclosure, n.ResourceName, transfer.SendingForce, [caller.Force]), ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, n.ResourceName, caller.Force), ct);
            var accepted = transfer with { State = TransferState.Accepted, AcceptedBy = caller.UserId, AcceptTime = now };
            return new AcceptTransferResponse { Transfer = accepted.ToContract(), Nominal = moved.ToContract(Today()) };
        }, ct);
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, "transfers:" + caller.Force,
            (c, tx, before, limit, ct) => transfers.ListAsync(c, tx, caller.Force, before, limit, ct), t => t.Id,
            new AuditEvent(AuditOperation.Consultation, "transfers", caller.Force));
        return new ListTransfersResponse { Transfers = { page.Items.Select(t => t.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Erase)]
    public override async Task<EraseNominalResponse> EraseNominal(EraseNominalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var v = new Validator();
        v.Required("reason", request.Reason).MaxLength("reason", request.Reason, MaxReasonLength).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await database.InTransactionAsync(async (c, tx) =>
        {
            var n = await FindVisibleAsync(c, tx, id, caller, ct);
            foreach (var participant in erasureParticipants)
            {
                await participant.EraseAsync(c, tx, id, ct);
            }
            await transfers.DeleteForNominalAsync(c, tx, id, ct);
            await store.DeleteAsync(c, tx, id, ct);
            var actor = LegacyAdapters.ActorOf(context);
            await audit.AppendAsync(c, tx, actor with { Justification = "erasure: " + request.Reason }, new AuditEvent(AuditOperation.Erasure, n.ResourceName, n.ForceCode), ct);
            return 0;
        }, ct);
        return new EraseNominalResponse();
    }

    /// <summary>
    /// Reads, changes and writes one nominal with its audit entry and feed events in one
    /// transaction; the etag must match. Validation problems collected by the caller are raised
    /// before anything is read.
    /// </summary>
    private async Task<Nominal> ChangeAsync(ServerCallContext context, string name, string nameField, string etag, AuditOperation operation,
        Func<NominalRecord, Caller, DateTimeOffset, Change> change, Validator v)
    {
        var caller = Caller.From(context);
        var id = NominalNames.TryParse(name);
        if (id is null)
        {
            v.Add(nameField, "must be a nominal name, nominals/{uuid}");
        }
        var expected = RequireEtag(etag, "etag", v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (result, published) = await database.InTransactionAsync(async (c, tx) =>
        {
            var current = await FindVisibleAsync(c, tx, id!, caller, ct);
            if (current.Version != expected)
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            var now = clock.GetUtcNow();
            var (updated, events) = change(current, caller, now);
            updated = updated with { UpdateTime = now, Version = current.Version + 1 };
            if (!await store.UpdateAsync(c, tx, updated, current.Version, ct))
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            foreach (var e in events)
            {
                await feed.PublishAsync(c, tx, e.Type, updated.Id, updated.ForceCode, e.ArmsDueDate, e.Attributes, ct);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(operation, updated.ResourceName, updated.ForceCode), ct);
            return (updated.ToContract(Today()), events.Count > 0);
        }, ct);
        if (published)
        {
            feed.NotifyCommitted();
        }
        return result;
    }

    private static long RequireEtag(string etag, string field, Validator v)
    {
        var parsed = Etag.Parse(etag);
        v.Check(parsed is not null, field, "is required: send the etag from the nominal you read");
        return parsed ?? 0;
    }
}

internal static class TransferMapping
{
    public static Transfer ToContract(this TransferRecord t) => new()
    {
        Name = t.ResourceName,
        Nominal = NominalNames.Format(t.NominalId),
        SendingForce = t.SendingForce,
        ReceivingForce = t.ReceivingForce,
        Reason = t.Reason,
        State = t.State,
        StartedBy = t.StartedBy,
        StartTime = Timestamp.FromDateTimeOffset(t.StartTime),
        AcceptedBy = t.AcceptedBy,
        AcceptTime = t.AcceptTime is { } a ? Timestamp.FromDateTimeOffset(a) : null,
    };
}
