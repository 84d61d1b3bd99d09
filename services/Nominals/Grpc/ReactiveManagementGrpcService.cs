using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Reactive management decisions (R-RM1 to R-RM4, R-RM7). Handlers authorise, validate and map;
/// the criteria are the domain's (<see cref="ReactiveCriteria"/>, evaluated from the nominal, its
/// significant-change intelligence in the window, and the day) and so are the proposal and the
/// approval (<see cref="ReactiveDecisionRecord"/>). An approval writes the decision, the nominal's
/// placement with its feed event and ledger entries (R-RM5), and both audit entries in one unit of
/// work. Another force's nominal or decision is answered as missing (NOT_FOUND).
/// </summary>
public sealed class ReactiveManagementGrpcService(
    RecordAccess records, IdempotentCreate creates, NominalStore nominals, ReactiveDecisionStore decisions, IntelligenceStore intelligence,
    NominalChangeWriter changes, TimeProvider clock)
    : Contract.ReactiveManagementService.ReactiveManagementServiceBase
{
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<Contract.ProposeReactiveManagementResponse> ProposeReactiveManagement(
        Contract.ProposeReactiveManagementRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var (reasons, judgement) = ReactiveDecisionValidation.Validate(request.Decision, "decision", clock.Today());
        // Idempotent by reference: a replay reads the decision again, as its nominal's force now sees it.
        return await creates.RunByReferenceAsync(call, $"ProposeReactiveManagement:{nominalId}", requestId, request, async s =>
            {
                var nominal = await FindNominalAsync(s, call, nominalId);
                var now = clock.GetUtcNow();
                var concerns = await ConcernsAsync(s, nominal, LocalDates.DateOf(now));
                var decision = ReactiveDecisionRecord.Propose(RequestIds.NewId(now), nominal, reasons, judgement, concerns, call.UserId, now);
                await decisions.InsertAsync(s, decision);
                await records.AuditAsync(s, call, AuditOperation.Collection, decision);
                return new IdempotentCreate.Created<Contract.ProposeReactiveManagementResponse>(decision.ResourceName,
                    new Contract.ProposeReactiveManagementResponse { Decision = decision.ToContract() });
            },
            async (s, name) =>
            {
                var (_, id) = ParseName(name, "request_id");
                var decision = await RecordAccess.FindVisibleAsync(s, call, Of(nominalId), id, name);
                return new Contract.ProposeReactiveManagementResponse { Decision = decision.ToContract() };
            });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<Contract.GetReactiveDecisionResponse> GetReactiveDecision(Contract.GetReactiveDecisionRequest request, ServerCallContext context)
    {
        var (nominalId, id) = ParseName(request.Name, "name");
        return await records.GetAsync(context.Scope(), Of(nominalId), id, request.Name,
            d => new Contract.GetReactiveDecisionResponse { Decision = d.ToContract() });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<Contract.ListReactiveDecisionsResponse> ListReactiveDecisions(Contract.ListReactiveDecisionsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var collection = $"{NominalNames.Format(nominalId)}/{ReactiveDecisionNames.Collection}";
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"reactiveDecisions:{call.Force}:{nominalId}",
            (s, before, limit) => decisions.ListForNominalAsync(s, call.Force, nominalId, before, limit), d => d.Id,
            new AuditEvent(AuditOperation.Consultation, collection, call.Force),
            async s =>
            {
                // The nominal must be visible first: another force's is NOT_FOUND, not an empty list.
                var nominal = await FindNominalAsync(s, call, nominalId);
                return new AuditEvent(AuditOperation.Consultation, collection, nominal.ForceCode);
            });
        return new Contract.ListReactiveDecisionsResponse { Decisions = { page.Items.Select(d => d.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<Contract.ApproveReactiveDecisionResponse> ApproveReactiveDecision(Contract.ApproveReactiveDecisionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseName(request.Name, "name");
        var expected = Etag.Require(request.Etag, "etag", "reactive decision");
        return await records.RunAsync(call, async s =>
        {
            var decision = RecordAccess.AtVersion(await RecordAccess.FindVisibleAsync(s, call, Of(nominalId), id, request.Name), expected);
            var nominal = await FindNominalAsync(s, call, nominalId);
            var now = clock.GetUtcNow();
            var concerns = await ConcernsAsync(s, nominal, LocalDates.DateOf(now));
            var (approved, placement) = decision.Approve(nominal, concerns, call.Staff(), now);
            // R-RM4: the decision, the placement with its feed event and R-RM5 ledger entries, and the audit: one unit of work.
            var written = await RecordAccess.WriteAsync(s, decisions, decision, approved, now);
            var placed = await RecordAccess.WriteAsync(s, nominals, nominal, placement.Nominal, now);
            await changes.ApplyAsync(s, placed, placement, call.UserId, now);
            await records.AuditAsync(s, call, AuditOperation.Alteration, written);
            await records.AuditAsync(s, call, AuditOperation.Alteration, placed);
            return new Contract.ApproveReactiveDecisionResponse { Decision = written.ToContract() };
        });
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<Contract.RejectReactiveDecisionResponse> RejectReactiveDecision(Contract.RejectReactiveDecisionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseName(request.Name, "name");
        var v = new Validator();
        ReactiveDecisionValidation.ValidateRejection(v, request.Reason);
        var expected = Etag.Require(request.Etag, v, "etag", "reactive decision");
        v.ThrowIfInvalid();
        return await records.UpdateAsync(call, Of(nominalId), id, request.Name, expected,
            (d, now) => d.Reject(request.Reason, call.UserId, now),
            d => new Contract.RejectReactiveDecisionResponse { Decision = d.ToContract() });
    }

    /// <summary>The significant changes in the nominal's window on <paramref name="today"/> (R-RM1, R-RM6): a bounded read.</summary>
    private Task<IReadOnlyList<SignificantChangeConcern>> ConcernsAsync(Session s, NominalRecord nominal, DateOnly today) =>
        intelligence.ListSignificantChangesSinceAsync(s, nominal.Id, ReactiveCriteria.WindowStart(nominal, today), ReactiveCriteria.MaxRecordsCited);

    private Task<NominalRecord> FindNominalAsync(Session s, CallScope call, string nominalId) =>
        RecordAccess.FindVisibleAsync(s, call, nominals, nominalId, NominalNames.Format(nominalId));

    /// <summary>The decisions under one nominal: a decision under another nominal than its name says is not there.</summary>
    private NominalDecisions Of(string nominalId) => new(decisions, nominalId);

    private static (string NominalId, string Id) ParseName(string name, string field) =>
        ReactiveDecisionNames.TryParse(name)
        ?? throw ValidationFailedException.For(field, "must be a reactive decision name, nominals/{uuid}/reactiveDecisions/{uuid}");

    private sealed class NominalDecisions(ReactiveDecisionStore store, string nominalId) : IRecordStore<ReactiveDecisionRecord>
    {
        public async Task<ReactiveDecisionRecord?> FindAsync(Session session, string id) =>
            await store.FindAsync(session, id) is { } d && d.NominalId == nominalId ? d : null;

        public Task<bool> UpdateAsync(Session session, ReactiveDecisionRecord updated, long expectedVersion) =>
            store.UpdateAsync(session, updated, expectedVersion);
    }
}

/// <summary>Reactive decisions to contract messages.</summary>
internal static class ReactiveDecisionMapping
{
    public static Contract.ReactiveDecision ToContract(this ReactiveDecisionRecord d)
    {
        var message = new Contract.ReactiveDecision
        {
            Name = d.ResourceName,
            Nominal = NominalNames.Format(d.NominalId),
            State = (Contract.ReactiveDecisionState)d.State,
            Reasons = { d.Reasons },
            Criteria = { d.Criteria.Select(c => c.ToContract()) },
            WindowStart = d.WindowStart.ToContract(),
            PendingDischargeException = d.PendingDischargeException,
            ReturnAfterSignificantChange = d.ReturnAfterSignificantChange,
            ProposedBy = d.ProposedBy,
            ProposeTime = Timestamp.FromDateTimeOffset(d.ProposeTime),
            DecidedBy = d.DecidedBy,
            DecideTime = d.DecideTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
            RejectionReason = d.RejectionReason,
            Etag = Etag.From(d.Version),
        };
        if (d.Judgement is { } j)
        {
            message.ProfessionalJudgement = new Contract.ProfessionalJudgement
            {
                Rationale = j.Rationale,
                AssessmentsConsidered =
                {
                    j.AssessmentsConsidered.Select(a => new Contract.ConsideredAssessment
                    {
                        Kind = (Contract.ConsideredAssessmentKind)a.Kind, Reference = a.Reference, AssessmentDate = a.AssessmentDate.ToContract(),
                    }),
                },
            };
        }
        return message;
    }

    private static Contract.CriterionResult ToContract(this CriterionResult c) => new()
    {
        Criterion = (Contract.ReactiveCriterion)c.Criterion,
        Passed = c.Passed,
        RuleId = c.RuleId,
        Reason = c.Reason,
        Records = { c.Records },
    };
}
