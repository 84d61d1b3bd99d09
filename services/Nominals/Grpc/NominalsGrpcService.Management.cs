using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Management of a nominal: officer, status, MAPPA, lead agency, orders, transfer, erasure (the offence
/// history is in NominalsGrpcService.Offences.cs).
/// Handlers validate and map the request, then delegate the change to the nominal (Domain/).
/// </summary>
public sealed partial class NominalsGrpcService
{
    private const int MaxReasonLength = 1000;

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AssignOfficerResponse> AssignOfficer(AssignOfficerRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.Check(Identifiers.IsUserId(request.Officer), "officer", "must be an officer's user id (2-64 letters, digits, '.', '_' or '-')", "R-ID1")
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.AssignOfficer(request.Officer, request.Reason, call.UserId, now),
            // The nominal's open work goes with it to its new officer.
            (s, n) => workItems.MoveToOfficerAsync(s, n.Id, n.Management.MosovoOfficer));
        return new AssignOfficerResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListCaseloadResponse> ListCaseload(ListCaseloadRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var officer = string.IsNullOrEmpty(request.Officer) ? call.UserId : request.Officer;
        if (!Identifiers.IsUserId(officer))
        {
            throw ValidationFailedException.For("officer", "must be an officer's user id");
        }
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"caseload:{call.Force}:{officer}",
            (s, before, limit) => store.ListCaseloadAsync(s, call.Force, officer, before, limit), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, call.Force));
        return new ListCaseloadResponse { Nominals = { page.Items.Select(r => r.ToContract(Today())) }, NextPageToken = page.NextPageToken };
    }

    /// <summary>
    /// Moves the nominal along the transition table (ManagementStatusTransitions) with a reason
    /// (R-AU3). Reactive management is refused (R-RM4): only an approved decision places a nominal
    /// on it (ReactiveManagementGrpcService). The rules are the domain's (NominalRecord.Status.cs).
    /// </summary>
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ChangeManagementStatusResponse> ChangeManagementStatus(ChangeManagementStatusRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.DefinedEnum("status", request.Status)
         .Check(request.Status != Contract.ManagementStatus.Pending, "status", "must be ACTIVE, REACTIVE or ENDED (a nominal is pending only when created or transferred)")
         .Required("reason", request.Reason, "R-AU3")
         .MaxLength("reason", request.Reason, MaxReasonLength);
        if (request.Status == Contract.ManagementStatus.Reactive)
        {
            throw new RuleViolationException("R-RM4", "status",
                "only an approved reactive management decision places a nominal on reactive management (ReactiveManagementService)");
        }
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.ChangeStatus((ManagementStatus)request.Status, request.Reason, call.Staff(), now));
        return new ChangeManagementStatusResponse { Nominal = nominal };
    }

    /// <summary>
    /// Sets MAPPA category and level (R-MG1) as decided on effective_date (not in the future; unset:
    /// today); a new level raises its review (R-MR2) and, at level 2 or 3, the MAPPA plan (R-MG5).
    /// </summary>
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<SetMappaManagementResponse> SetMappaManagement(SetMappaManagementRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.Check(request.Category is >= 1 and <= 4, "category", "must be 1 to 4", "R-MG1")
         .Check(request.Level is >= 1 and <= 3, "level", "must be 1 to 3", "R-MG1")
         .Required("reason", request.Reason)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var effective = PastDate(v, request.EffectiveDate, "effective_date", required: false);
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.SetMappa(request.Category, request.Level, request.Reason, effective ?? LocalDates.DateOf(now), call.UserId, now, mappaReviews));
        return new SetMappaManagementResponse { Nominal = nominal };
    }

    /// <summary>
    /// Records a MAPPA review (R-MR2, R-MG1): the rules (a MAPPA level to review, the date against
    /// the level and the last review, a rationale for a change of level) are the nominal's
    /// (NominalRecord.Mappa.cs); the answer names the review and when the next falls due.
    /// </summary>
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<RecordMappaReviewResponse> RecordMappaReview(RecordMappaReviewRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var review = request.Review ?? new MappaReview();
        var date = PastDate(v, review.ReviewDate, "review.review_date", required: true);
        v.Required("review.outcome", review.Outcome, "R-MR2")
         .MaxLength("review.outcome", review.Outcome, MaxRationaleLength)
         .Check(review.LevelDecision is >= 0 and <= 3, "review.level_decision", "must be 1 to 3, or 0 to keep the level", "R-MG1")
         .MaxLength("review.rationale", review.Rationale, MaxRationaleLength);
        var nominal = await ChangeAsync(call, request.Parent, "parent", request.Etag, v,
            (n, now) => n.RecordMappaReview(new MappaReviewInput(date!.Value, review.Outcome.Trim(), review.LevelDecision, review.Rationale.Trim()),
                call.UserId, now, mappaReviews));
        // The review just recorded is the last: none is dated before the last one.
        return new RecordMappaReviewResponse { Nominal = nominal, Review = nominal.MappaReviews[^1] };
    }

    /// <summary>Sets or removes the NIM target profile flag (R-MG6); a removal needs a rationale (R-AU3), checked by the nominal.</summary>
    [Authorize(Policy = Policies.Supervise)]
    public override async Task<SetTargetProfileResponse> SetTargetProfile(SetTargetProfileRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.MaxLength("rationale", request.Rationale, MaxRationaleLength);
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.SetTargetProfile(request.Flagged, request.Rationale, call.UserId, now));
        return new SetTargetProfileResponse { Nominal = nominal };
    }

    private const int MaxRationaleLength = 4000;

    /// <summary>An England and Wales date not in the future and at most ten years back; null when unset (or with a problem recorded).</summary>
    private DateOnly? PastDate(Validator v, OffenderRisk.Contracts.Common.V1.CalendarDate? value, string field, bool required)
    {
        var date = NominalValidation.ValidateDate(v, value, field, required);
        var today = Today();
        v.Check(date is null || date <= today, field, "must not be in the future")
         .Check(date is null || date >= today.AddYears(-10), field, "must be within the last ten years");
        return date;
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ChangeLeadAgencyResponse> ChangeLeadAgency(ChangeLeadAgencyRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.DefinedEnum("lead_agency", request.LeadAgency)
         .MaxLength("manager_authority", request.ManagerAuthority, 200)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var effective = NominalValidation.ValidateDate(v, request.EffectiveDate, "effective_date", required: false);
        var today = Today();
        v.Check(effective is null || (effective >= today.AddYears(-10) && effective <= today.AddYears(1)), "effective_date",
            "must be within ten years before and one year after today");
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.ChangeLeadAgency((LeadAgency)request.LeadAgency, request.ManagerAuthority, request.Reason, call.UserId, now,
                effective ?? LocalDates.DateOf(now), arms));
        return new ChangeLeadAgencyResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<AddCivilOrderResponse> AddCivilOrder(AddCivilOrderRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var order = request.CivilOrder ?? new CivilOrder();
        v.DefinedEnum("civil_order.type", order.Type)
         .MaxLength("civil_order.description", order.Description, 500);
        if (order.Type == Contract.CivilOrderType.Other)
        {
            v.Required("civil_order.description", order.Description);
        }
        var start = NominalValidation.ValidateDate(v, order.StartDate, "civil_order.start_date", required: true);
        var end = NominalValidation.ValidateDate(v, order.EndDate, "civil_order.end_date", required: false);
        v.Check(start is null || end is null || end >= start, "civil_order.end_date", "must not be before the start date");
        var nominal = await ChangeAsync(call, request.Parent, "parent", request.Etag, v,
            (n, now) => n.AddCivilOrder((CivilOrderType)order.Type, order.Description, start!.Value, end, order.PendingDischarge, call.UserId, now));
        return new AddCivilOrderResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<UpdateCivilOrderResponse> UpdateCivilOrder(UpdateCivilOrderRequest request, ServerCallContext context)
    {
        var call = context.Scope();
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
        var endGiven = paths.Contains("end_date");
        var end = endGiven ? NominalValidation.ValidateDate(v, order.EndDate, "civil_order.end_date", required: false) : null;
        bool? pendingDischarge = paths.Contains("pending_discharge") ? order.PendingDischarge : null;
        var nominal = await ChangeAsync(call, parsed is null ? "" : NominalNames.Format(parsed.Value.NominalId), "civil_order.name", request.Etag, v,
            (n, now) => n.UpdateCivilOrder(parsed!.Value.OrderId, order.Name, endGiven, end, pendingDischarge, call.UserId, now));
        return new UpdateCivilOrderResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<StartTransferResponse> StartTransfer(StartTransferRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = NominalNames.Parse(request.Name, "name");
        var v = new Validator();
        v.Check(Identifiers.IsForceCode(request.ReceivingForce), "receiving_force", "must be a force code (2-8 capital letters or digits)")
         .Check(request.ReceivingForce != call.Force, "receiving_force", "must be another force")
         .Required("reason", request.Reason)
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var expected = Etag.Require(request.Etag, v, "etag", "nominal");
        v.ThrowIfInvalid();
        return await records.RunAsync(call, async s =>
        {
            // The nominal is not changed by the offer, but it is offered as the caller read it.
            var n = RecordAccess.AtVersion(await RecordAccess.FindVisibleAsync(s, call, store, id, NominalNames.Format(id)), expected);
            if (await transfers.HasPendingAsync(s, id))
            {
                throw new PreconditionFailedException("TRANSFER_PENDING", "name", "a transfer of this nominal is already pending");
            }
            var now = clock.GetUtcNow();
            var transfer = TransferRecord.Start(RequestIds.NewId(now), id, call.Force, request.ReceivingForce, request.Reason, call.UserId, now);
            await transfers.InsertAsync(s, transfer);
            // Offering the record to another force discloses it to that force.
            await records.AuditAsync(s, call, AuditOperation.Disclosure, n, [request.ReceivingForce]);
            return new StartTransferResponse { Transfer = transfer.ToContract() };
        });
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<AcceptTransferResponse> AcceptTransfer(AcceptTransferRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var transferId = ResourceNames.ParseId(TransferRecord.Collection, request.Name, "name");
        return await records.RunAsync(call, async s =>
        {
            var transfer = await transfers.FindAsync(s, transferId);
            // Only the receiving force may accept; to anyone else the transfer does not exist.
            if (transfer is null || !transfer.IsOfferedTo(call.Force))
            {
                throw new ResourceNotFoundException(request.Name);
            }
            var now = clock.GetUtcNow();
            var accepted = transfer.Accept(call.UserId, now);
            // Read in the sending force: the transfer offered it to the caller's force.
            var n = await store.FindAsync(s, transfer.NominalId) ?? throw new ResourceNotFoundException(request.Name);
            var moved = await RecordAccess.WriteAsync(s, store, n, n.MoveTo(call.Force, call.UserId, now), now);
            if (!await transfers.MarkAcceptedAsync(s, accepted))
            {
                // Another acceptance of the same transfer committed first: the nominal has moved already.
                throw new EtagMismatchException(n.ResourceName);
            }
            // The old officer's open work moves to the new force's unassigned queue; search keys follow the force.
            await workItems.RequeueForTransferAsync(s, n.Id);
            await searchIndex.IndexAsync(s, moved);
            // The other services move what they keep about the nominal to the receiving force (the event's force).
            await feed.PublishAsync(s, moved, [new NominalFeedEvent(NominalEventType.Transferred,
                Attributes: new Dictionary<string, string> { ["previous_force"] = transfer.SendingForce })]);
            // Both forces' audit shows the move: the sending force's record leaves it, the receiving force's arrives.
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Disclosure, n.ResourceName, transfer.SendingForce, [call.Force]));
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, n.ResourceName, call.Force));
            return new AcceptTransferResponse { Transfer = accepted.ToContract(), Nominal = moved.ToContract(Today()) };
        });
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<CancelTransferResponse> CancelTransfer(CancelTransferRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (transferId, reason) = ValidateTransferDecision(request.Name, request.Reason);
        var closed = await CloseTransferAsync(call, request.Name, transferId, (t, now) => t.Cancel(call.Force, call.UserId, reason, now));
        return new CancelTransferResponse { Transfer = closed.ToContract() };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<RejectTransferResponse> RejectTransfer(RejectTransferRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (transferId, reason) = ValidateTransferDecision(request.Name, request.Reason);
        var closed = await CloseTransferAsync(call, request.Name, transferId, (t, now) => t.Reject(call.Force, call.UserId, reason, now));
        return new RejectTransferResponse { Transfer = closed.ToContract() };
    }

    private static (string Id, string Reason) ValidateTransferDecision(string name, string reason)
    {
        var id = ResourceNames.ParseId(TransferRecord.Collection, name, "name");
        new Validator().Required("reason", reason).MaxLength("reason", reason, MaxReasonLength).ThrowIfInvalid();
        return (id, reason.Trim());
    }

    /// <summary>
    /// Ends a pending transfer without a move (cancelled or rejected, decided by
    /// <paramref name="close"/>): the nominal is untouched (R-ID1). Audited as an alteration of the
    /// transfer in both forces concerned (R-AU1); to any other force the transfer does not exist.
    /// </summary>
    private Task<TransferRecord> CloseTransferAsync(CallScope call, string name, string transferId, Func<TransferRecord, DateTimeOffset, TransferRecord> close) =>
        records.RunAsync(call, async s =>
        {
            var transfer = await transfers.FindAsync(s, transferId);
            if (transfer is null || !transfer.Concerns(call.Force))
            {
                throw new ResourceNotFoundException(name);
            }
            var closed = close(transfer, clock.GetUtcNow());
            if (!await transfers.MarkClosedAsync(s, closed))
            {
                // Another decision on the same transfer committed first.
                throw new EtagMismatchException(name);
            }
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Alteration, transfer.ResourceName, transfer.SendingForce));
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Alteration, transfer.ResourceName, transfer.ReceivingForce));
            return closed;
        });

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), "transfers:" + call.Force,
            (s, before, limit) => transfers.ListAsync(s, call.Force, before, limit), t => t.Id,
            new AuditEvent(AuditOperation.Consultation, "transfers", call.Force));
        return new ListTransfersResponse { Transfers = { page.Items.Select(t => t.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Erase)]
    public override async Task<EraseNominalResponse> EraseNominal(EraseNominalRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = NominalNames.Parse(request.Name, "name");
        var v = new Validator();
        v.Required("reason", request.Reason).MaxLength("reason", request.Reason, MaxReasonLength).ThrowIfInvalid();
        await records.RunAsync(call, async s =>
        {
            var n = await RecordAccess.FindVisibleAsync(s, call, store, id, NominalNames.Format(id));
            // Everything kept about the nominal goes with it, victims included (IErasureParticipant).
            foreach (var participant in erasureParticipants)
            {
                await participant.EraseAsync(s, id);
            }
            await transfers.DeleteForNominalAsync(s, id);
            await store.DeleteAsync(s, id);
            // R-AU1 everywhere: the other services erase what they hold about the nominal when they
            // read this event (ids and codes only), which commits with the erasure or not at all.
            await feed.PublishAsync(s, n, [new NominalFeedEvent(NominalEventType.Erased)]);
            var erasure = call with { Actor = call.Actor with { Justification = "erasure: " + request.Reason } };
            await records.AuditAsync(s, erasure, AuditOperation.Erasure, n);
            return 0;
        });
        return new EraseNominalResponse();
    }

    /// <summary>
    /// One change of a nominal through the record access path: the name and etag are checked with
    /// the problems the handler collected (all raised before anything is read), then the nominal's
    /// own method makes the change, which is written with its feed events, ledger entries and work
    /// items (NominalChangeWriter) and audited, all in one unit of work. With
    /// <paramref name="duplicateOverrideReason"/> (null: not checked), a change of name, aliases,
    /// date of birth or PNC id is checked for likely duplicates exactly as a create is, and the
    /// audit entry carries the override reason when one was needed.
    /// </summary>
    private Task<Nominal> ChangeAsync(CallScope call, string name, string nameField, string etag, Validator v,
        Func<NominalRecord, DateTimeOffset, NominalChange> change, Func<Session, NominalRecord, Task>? alsoWrite = null,
        string? duplicateOverrideReason = null, string etagField = "etag")
    {
        var id = NominalNames.Check(v, name, nameField);
        var expected = Etag.Require(etag, v, etagField, "nominal");
        v.ThrowIfInvalid();
        return records.RunAsync(call, async s =>
        {
            var current = RecordAccess.AtVersion(await RecordAccess.FindVisibleAsync(s, call, store, id!, NominalNames.Format(id!)), expected);
            var now = clock.GetUtcNow();
            var changed = change(current, now);
            var audited = duplicateOverrideReason is not null && NominalRecord.IdentityChanged(current.Details, changed.Nominal.Details)
                ? await CheckLikelyDuplicatesAsync(s, call, changed.Nominal.Details, duplicateOverrideReason, current.Id)
                : call;
            var updated = await RecordAccess.WriteAsync(s, store, current, changed.Nominal, now);
            await changes.ApplyAsync(s, updated, changed, call.UserId, now);
            if (alsoWrite is not null)
            {
                await alsoWrite(s, updated);
            }
            await records.AuditAsync(s, audited, AuditOperation.Alteration, updated);
            return updated.ToContract(Today());
        });
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
        State = (Contract.TransferState)t.State,
        StartedBy = t.StartedBy,
        StartTime = Timestamp.FromDateTimeOffset(t.StartTime),
        AcceptedBy = t.AcceptedBy,
        AcceptTime = t.AcceptTime is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        ClosedBy = t.ClosedBy,
        CloseTime = t.CloseTime is { } c ? Timestamp.FromDateTimeOffset(c) : null,
        CloseReason = t.CloseReason,
    };
}
