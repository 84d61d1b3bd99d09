using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The obligations ledger (R-MR4, R-MR3). Obligations are raised by the changes that trigger them;
/// here they are read, satisfied by a named record or waived with a reason. An obligation of
/// another force's nominal is NOT_FOUND like a missing one.
/// </summary>
public sealed class ObligationsGrpcService(RecordAccess records, ObligationLedger ledger, NominalStore nominals, TeamStore teams, TimeProvider clock)
    : ObligationsService.ObligationsServiceBase
{
    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListObligationsResponse> ListObligations(ListObligationsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var state = ValidState(request.State);
        var today = clock.Today();
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken),
            $"obligations:{call.Force}:{nominalId}:{(int)request.State}",
            (s, after, limit) => ledger.ListForNominalAsync(s, nominalId, state, today, after, limit), ObligationLedger.CursorOf,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), call.Force),
            async s =>
            {
                var nominal = await RecordAccess.FindVisibleAsync(s, call, nominals, nominalId, NominalNames.Format(nominalId));
                return new AuditEvent(AuditOperation.Consultation, nominal.ResourceName, nominal.ForceCode);
            });
        return new ListObligationsResponse { Obligations = { page.Items.Select(o => o.ToContract(today)) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListOverdueObligationsResponse> ListOverdueObligations(ListOverdueObligationsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.Check(request.Officer.Length == 0 || Identifiers.IsUserId(request.Officer), "officer", "must be an officer's user id")
         .Check(request.Officer.Length == 0 || request.Team.Length == 0, "team", "give an officer or a team, not both", rule: "R-MR3")
         .DefinedEnum("kind", request.Kind, required: false)
         .ThrowIfInvalid();
        var officer = request.Officer.Length == 0 ? null : request.Officer;
        var team = request.Team.Length == 0 ? (ResourceId?)null : TeamNames.Parse(request.Team, "team");
        ObligationKind? kind = request.Kind == Contract.ObligationKind.Unspecified ? null : (ObligationKind)request.Kind;
        var today = clock.Today();
        // R-MR3: the whole force, one officer's caseload, or one team's; a team must be the caller's force's (else NOT_FOUND),
        // and its reading is what the consultation is recorded against.
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken),
            $"overdue:{call.Force}:{officer}:{team?.Id}:{(int)request.Kind}",
            (s, after, limit) => ledger.ListOverdueAsync(s, call.Force, officer, team?.Id, kind, today, after, limit), ObligationLedger.CursorOf,
            new AuditEvent(AuditOperation.Consultation, ObligationNames.Collection, call.Force),
            team is not { } named ? null : async s =>
            {
                var visible = await RecordAccess.FindVisibleAsync(s, call, teams, named);
                return new AuditEvent(AuditOperation.Consultation, visible.ResourceName, visible.ForceCode);
            });
        return new ListOverdueObligationsResponse { Obligations = { page.Items.Select(o => o.ToContract(today)) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.SatisfyObligations)]
    public override async Task<SatisfyObligationResponse> SatisfyObligation(SatisfyObligationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var obligation = await CloseAsync(call, request.Name, o =>
        {
            ObligationSatisfaction.Check(o, request.SatisfiedBy);
            return o.Satisfy(request.SatisfiedBy, call.UserId, clock.GetUtcNow());
        });
        return new SatisfyObligationResponse { Obligation = obligation };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<WaiveObligationResponse> WaiveObligation(WaiveObligationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        new Validator().Required("reason", request.Reason, rule: "R-AU3").MaxLength("reason", request.Reason, 1000).ThrowIfInvalid();
        var obligation = await CloseAsync(call, request.Name, o => o.Waive(request.Reason, call.UserId, clock.GetUtcNow()));
        return new WaiveObligationResponse { Obligation = obligation };
    }

    /// <summary>Reads the visible obligation named, closes it and writes it, audited as an alteration of the obligation.</summary>
    private Task<Obligation> CloseAsync(CallScope call, string name, Func<ObligationRecord, ObligationRecord> close)
    {
        var parsed = ObligationNames.TryParse(name) ?? throw ValidationFailedException.For("name", "must be nominals/{id}/obligations/{obligation}");
        return records.RunAsync(call, async s =>
        {
            var current = await ledger.FindAsync(s, parsed.Id) is { } found && found.NominalId == parsed.NominalId ? found : null;
            var visible = RecordAccess.Visible(current, call, name);
            var written = await RecordAccess.WriteAsync(s, ledger, visible, close(visible), clock.GetUtcNow());
            await records.AuditAsync(s, call, AuditOperation.Alteration, written);
            return written.ToContract(clock.Today());
        });
    }

    private static ObligationState? ValidState(Contract.ObligationState state)
    {
        new Validator().DefinedEnum("state", state, required: false).ThrowIfInvalid();
        return state == Contract.ObligationState.Unspecified ? null : (ObligationState)state;
    }
}

internal static class ObligationMapping
{
    public static Obligation ToContract(this ObligationRecord o, DateOnly today) => new()
    {
        Name = o.ResourceName,
        Kind = (Contract.ObligationKind)o.Kind,
        State = (Contract.ObligationState)o.State,
        Trigger = o.Trigger,
        TriggerRecord = o.TriggerRecord,
        TriggerDate = o.TriggerDate.ToContract(),
        DueDate = o.DueDate.ToContract(),
        Overdue = o.IsOverdueOn(today),
        SatisfiedBy = o.SatisfiedBy,
        WaiveReason = o.WaiveReason,
        ClosedBy = o.ClosedBy,
        CloseTime = o.CloseTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
        CreateTime = Timestamp.FromDateTimeOffset(o.CreateTime),
        Nominal = NominalNames.Format(o.NominalId),
        MosovoOfficer = o.MosovoOfficer,
        // R-MR3: since when it is late, the day after its due date, and by how many days today.
        OverdueSince = o.IsOverdueOn(today) ? o.DueDate.AddDays(1).ToContract() : null,
        DaysOverdue = o.IsOverdueOn(today) ? today.DayNumber - o.DueDate.DayNumber : 0,
    };
}
