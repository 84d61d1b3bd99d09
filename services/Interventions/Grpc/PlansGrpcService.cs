using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.ServiceDefaults.Security;
using Domain = OffenderRisk.Interventions.Domain;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>
/// Risk management plans (R-MG3, R-MG4, R-MG5, R-VI1, R-MR1, R-RM4). Handlers authorise, validate
/// and delegate: what a plan must say is <see cref="PlanRules"/>, its lifecycle is
/// <see cref="PlanLifecycle"/> (over the platform's one countersigning mechanism), and every
/// operation runs with its audit entry in one unit of work of the platform's access path, where
/// another force's plan is answered exactly as a missing one (NOT_FOUND). The nominal a create or an
/// update names is confirmed with the nominals service first (<see cref="NominalLookup"/>), outside
/// any unit of work, and its facts (MOSOVO officer, lead agency, MAPPA level, management status)
/// decide R-MG3, R-MG5 and R-RM4. The versions of one nominal's plan of one kind are created and
/// countersigned one at a time (a named lock per nominal and kind), so there is at most one open
/// version and one current version of each kind.
/// </summary>
public sealed class PlansGrpcService(
    RecordAccess records, PlanStore store, IdempotentCreate creates, NominalLookup nominals, InterventionFeed feed, TimeProvider clock)
    : PlansService.PlansServiceBase
{
    private const string Prefix = "plan";

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreatePlanResponse> CreatePlan(CreatePlanRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        RequestIds.Validate(request.RequestId);
        var sent = request.Plan ?? new Plan();
        var v = new Validator();
        var nominalId = NominalNames.Check(v, sent.Nominal, $"{Prefix}.nominal");
        v.DefinedEnum($"{Prefix}.kind", sent.Kind, rule: PlanLifecycle.RuleId).ThrowIfInvalid();
        var revises = string.IsNullOrEmpty(sent.Revises) ? null : PlanNames.Parse(sent.Revises, $"{Prefix}.revises").Id;
        var content = PlansMapping.ContentOf(sent, Prefix);
        var kind = (Domain.PlanKind)sent.Kind;
        var nominal = PlansMapping.PlanNominalOf(await nominals.GetAsync(call, nominalId!));
        PlanRules.CheckForNominal(kind, content, call.UserId, nominal, clock.Today(), Prefix);
        return await creates.CreateAsync(call, request.RequestId, request, CreatePlanResponse.Parser, async s =>
            {
                await s.LockAsync(SeriesLock(nominalId!, kind));
                var series = await store.ListOfKindAsync(s, call.Force, nominalId!, kind);
                if (series.FirstOrDefault(p => p.Open) is { } open)
                {
                    throw new PreconditionFailedException("PLAN_VERSION_OPEN", $"{Prefix}.kind",
                        $"Version {open.Number} of this plan ({open.ResourceName}) is still open: finish it before writing another.");
                }
                var current = series.FirstOrDefault(p => p.Current);
                if (current?.Id != revises)
                {
                    throw new PreconditionFailedException("PLAN_NOT_CURRENT", $"{Prefix}.revises", current is null
                        ? "There is no countersigned version of this plan to revise: leave revises empty."
                        : $"A new version revises the current countersigned version, {current.ResourceName}.");
                }
                return await store.InsertAsync(s, PlanLifecycle.Draft(nominalId!, kind, content, current, call.Force, call.UserId, clock.GetUtcNow()));
            },
            p => new CreatePlanResponse { Plan = p.ToContract() });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override Task<GetPlanResponse> GetPlan(GetPlanRequest request, ServerCallContext context) =>
        records.GetAsync(context.Scope(), store, PlanNames.Parse(request.Name, "name"), p => new GetPlanResponse { Plan = p.ToContract() });

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        new Validator().DefinedEnum("kind", request.Kind, required: false).ThrowIfInvalid();
        var nominalId = NominalNames.Parse(request.Nominal, "nominal");
        var kind = (Domain.PlanKind)request.Kind;
        await nominals.GetAsync(call, nominalId);
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"{PlanNames.Collection}:{call.Force}:{nominalId}:{(int)kind}",
            (s, before, limit) => store.ListForNominalAsync(s, call.Force, nominalId, kind, before, limit), p => p.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), call.Force));
        return new ListPlansResponse { Plans = { page.Items.Select(p => p.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<UpdatePlanResponse> UpdatePlan(UpdatePlanRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var sent = request.Plan ?? new Plan();
        var id = PlanNames.Parse(sent.Name, $"{Prefix}.name");
        var v = new Validator();
        var version = Etag.Require(sent.Etag, v, $"{Prefix}.etag", "plan");
        var nominalId = NominalNames.Check(v, sent.Nominal, $"{Prefix}.nominal");
        v.ThrowIfInvalid();
        var content = PlansMapping.ContentOf(sent, Prefix);
        var nominal = PlansMapping.PlanNominalOf(await nominals.GetAsync(call, nominalId!));
        var today = clock.Today();
        return await records.UpdateAsync(call, store, id.Id, id.Name, version, async (s, current, now) =>
            {
                new Validator()
                    .Check(current.NominalId == nominalId, $"{Prefix}.nominal", "cannot change: a plan stays with its nominal")
                    .Check((int)current.Kind == (int)sent.Kind, $"{Prefix}.kind", "cannot change: write a plan of the other kind")
                    .ThrowIfInvalid();
                var revised = current.Revises is null ? null : await store.FindAsync(s, current.Revises);
                var updated = PlanLifecycle.Revise(current, content, revised, call.UserId, now, $"{Prefix}.name");
                PlanRules.CheckForNominal(current.Kind, content, current.Author, nominal, today, Prefix);
                return updated;
            },
            p => new UpdatePlanResponse { Plan = p.ToContract() });
    }

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override Task<SubmitPlanResponse> SubmitPlan(SubmitPlanRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        return records.UpdateAsync(call, store, PlanNames.Parse(request.Name, "name"), Etag.Require(request.Etag, "etag", "plan"),
            (p, now) => PlanLifecycle.Submit(p, call.UserId, now),
            p => new SubmitPlanResponse { Plan = p.ToContract() });
    }

    [Authorize(Policy = Policies.Supervise)]
    public override Task<ReturnPlanResponse> ReturnPlan(ReturnPlanRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = PlanNames.Parse(request.Name, "name");
        var v = new Validator();
        var version = Etag.Require(request.Etag, v, "etag", "plan");
        v.Required("reason", request.Reason, "R-MR1").MaxLength("reason", request.Reason, PlanLifecycle.MaxReasonLength).ThrowIfInvalid();
        return records.UpdateAsync(call, store, id, version,
            (p, now) => PlanLifecycle.Return(p, call.UserId, request.Reason, now),
            p => new ReturnPlanResponse { Plan = p.ToContract() });
    }

    /// <summary>
    /// R-MG4, R-MR1: countersigns, supersedes the previous current version of the same nominal and
    /// kind, and puts PLAN_COUNTERSIGNED on the interventions change feed, all in one unit of work
    /// with their audit entries (the platform's <see cref="RecordAccess.CountersignAsync"/>, as for assessments).
    /// </summary>
    [Authorize(Policy = Policies.Supervise)]
    public override Task<CountersignPlanResponse> CountersignPlan(CountersignPlanRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = PlanNames.Parse(request.Name, "name");
        var version = Etag.Require(request.Etag, "etag", "plan");
        return records.CountersignAsync(call, store, id, version,
            (p, now) => PlanLifecycle.Countersign(p, call.UserId, now),
            p => SeriesLock(p.NominalId, p.Kind),
            (s, p) => store.ListCurrentAsync(s, p.ForceCode, p.NominalId, p.Kind, p.Id),
            PlanLifecycle.Supersede,
            (s, p, superseded, _) => feed.PublishAsync(s, InterventionEventType.PlanCountersigned, p.ResourceName, p.NominalId, p.ForceCode,
                PlansFeedEvents.Countersigned(p, superseded)),
            p => new CountersignPlanResponse { Plan = p.ToContract() });
    }

    /// <summary>R-MG4: the completion of an action of the current version, recorded and put on the feed (PLAN_ACTION_COMPLETED) in one unit of work.</summary>
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override Task<CompletePlanActionResponse> CompletePlanAction(CompletePlanActionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (plan, actionId) = PlanNames.ParseAction(request.Name, "name");
        var v = new Validator();
        var version = Etag.Require(request.Etag, v, "etag", "plan");
        var today = clock.Today();
        var completed = CalendarDates.Read(v, request.CompletionDate, "completion_date", PlanLifecycle.RuleId);
        v.Check(request.CompletionDate is not null, "completion_date", "is required: when the action was completed", PlanLifecycle.RuleId)
         .Check(completed is null || completed <= today, "completion_date", "cannot be in the future", PlanLifecycle.RuleId)
         .Required("note", request.Note, PlanLifecycle.RuleId)
         .MaxLength("note", request.Note, PlanRules.MaxTextLength)
         .ThrowIfInvalid();
        return records.UpdateAsync(call, store, plan.Id, plan.Name, version, async (s, current, now) =>
            {
                var done = PlanLifecycle.CompleteAction(current, actionId, completed!.Value, request.Note, call.UserId, now);
                await feed.PublishAsync(s, InterventionEventType.PlanActionCompleted, done.ResourceName, done.NominalId, done.ForceCode,
                    PlansFeedEvents.ActionCompleted(done, actionId, completed.Value));
                return done;
            },
            p => new CompletePlanActionResponse { Plan = p.ToContract() });
    }

    /// <summary>One nominal's plan of one kind is created and countersigned one version at a time.</summary>
    private static string SeriesLock(string nominalId, Domain.PlanKind kind) => $"plans:series:{nominalId}:{(int)kind}";
}
