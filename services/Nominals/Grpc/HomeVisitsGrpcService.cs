using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Assessments;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Home visits (R-AS9, R-MG7, R-RM5). Handlers authorise and validate, then plan, read or record
/// a visit of a nominal of the caller's force (another force's nominal or visit is NOT_FOUND). A
/// recorded outcome and everything it causes (the non-cooperation of a refused entry, the
/// intelligence of the observations, the obligations a completed visit satisfies and raises) are
/// written in one unit of work, through the same paths as IntelligenceService's (IntelligenceRecorder).
/// </summary>
public sealed class HomeVisitsGrpcService(
    RecordAccess records, IdempotentCreate creates, NominalStore nominals, HomeVisitStore visits, IntelligenceRecorder recorder,
    AcuteFactorRecords acuteFactors, ManagedObligationSchedule schedule, TimeProvider clock)
    : HomeVisitsService.HomeVisitsServiceBase
{
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<PlanHomeVisitResponse> PlanHomeVisit(PlanHomeVisitRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var (plannedDate, officer, purpose) = HomeVisitValidation.ValidatePlan(request.HomeVisit, "home_visit", clock.Today());
        return await creates.CreateAsync(call, request.RequestId, request, PlanHomeVisitResponse.Parser,
            async s =>
            {
                var nominal = await FindVisibleNominalAsync(s, call, nominalId);
                var now = clock.GetUtcNow();
                var visit = HomeVisitRecord.Plan(RequestIds.NewId(now), nominal, plannedDate, officer, purpose, call.UserId, now);
                await visits.InsertAsync(s, visit);
                return visit;
            },
            v => new PlanHomeVisitResponse { HomeVisit = v.ToContract() });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<GetHomeVisitResponse> GetHomeVisit(GetHomeVisitRequest request, ServerCallContext context)
    {
        var (nominalId, id) = ParseName(request.Name);
        return await records.GetAsync(context.Scope(), new VisitsOf(visits, nominalId), id, request.Name,
            v => new GetHomeVisitResponse { HomeVisit = v.ToContract() });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListHomeVisitsResponse> ListHomeVisits(ListHomeVisitsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var collection = $"{NominalNames.Format(nominalId)}/{HomeVisitNames.Collection}";
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"homeVisits:{call.Force}:{nominalId}",
            (s, after, limit) => visits.ListForNominalAsync(s, nominalId, HomeVisitStore.Cursor.Decode(after), limit),
            v => new HomeVisitStore.Cursor(v.PlannedDate, v.Id).Encode(),
            new AuditEvent(AuditOperation.Consultation, collection, call.Force),
            async s =>
            {
                var nominal = await FindVisibleNominalAsync(s, call, nominalId);
                return new AuditEvent(AuditOperation.Consultation, collection, nominal.ForceCode);
            });
        return new ListHomeVisitsResponse { HomeVisits = { page.Items.Select(v => v.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    /// <summary>
    /// Records a planned visit's outcome. R-AS9: a completed visit needs the acute-factor record
    /// made for it, asked of the assessments service before the unit of work (UNAVAILABLE when it
    /// cannot answer, with nothing written). R-MG7: a refused entry records non-cooperation. R-ID2,
    /// R-ID4: observations become intelligence with source HOME_VISIT. A completed visit satisfies
    /// the open HOME_VISIT obligations and raises the next (R-MR4; none while reactive, R-RM5).
    /// </summary>
    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<RecordHomeVisitOutcomeResponse> RecordHomeVisitOutcome(RecordHomeVisitOutcomeRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, id) = ParseName(request.Name);
        var (outcome, etag) = HomeVisitValidation.ValidateOutcome(request, clock.GetUtcNow());

        // Refused before the remote call whatever it would answer: a missing, stale or recorded visit.
        var current = await records.ReadAsync(call, s => FindVisitAsync(s, call, nominalId, id, request.Name));
        RecordAccess.AtVersion(current, etag).EnsurePlanned();
        var acuteFactorRecord = outcome.State == Domain.HomeVisitState.Completed
            ? await acuteFactors.FindForVisitAsync(call, nominalId, current.ResourceName)
            : "";

        return await IntelligenceRecorder.RetryOnConcurrentChangeAsync(() => records.RunAsync(call, async s =>
        {
            var visit = RecordAccess.AtVersion(await FindVisitAsync(s, call, nominalId, id, request.Name), etag);
            visit.CheckRecordable(outcome, acuteFactorRecord);
            var nominal = await FindVisibleNominalAsync(s, call, nominalId);
            var now = clock.GetUtcNow();

            var nonCooperation = "";
            if (outcome.NonCooperation is { } kind)
            {
                // R-MG7, exactly as IntelligenceService.RecordNonCooperation: flag, feed event, work item.
                var recorded = await recorder.RecordNonCooperationAsync(s, nominal, kind, outcome.OutcomeNote, outcome.ObservedAt(now), call.UserId, now);
                nominal = recorded.Nominal;
                nonCooperation = recorded.Record.ResourceName;
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, nonCooperation, nominal.ForceCode));
            }
            if (outcome.State == Domain.HomeVisitState.Completed)
            {
                (nominal, _) = await recorder.ChangeNominalAsync(s, call.UserId, nominal, now,
                    n => n.RecordHomeVisit(visit.ResourceName, outcome.VisitTime!.Value, schedule));
                await records.AuditAsync(s, call, AuditOperation.Alteration, nominal);
            }
            var intelligence = "";
            if (!string.IsNullOrWhiteSpace(outcome.Observations))
            {
                // R-ID2, R-ID4: routed as IntelligenceService.RecordIntelligence routes it.
                var details = new IntelligenceDetails(Domain.IntelligenceSource.HomeVisit, "", outcome.Observations, outcome.ObservedAt(now), "", false);
                var recorded = await recorder.RecordIntelligenceAsync(s, nominal, details, call.UserId, call.Force, now);
                intelligence = recorded.Record.ResourceName;
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, intelligence, nominal.ForceCode));
            }

            var updated = await RecordAccess.WriteAsync(s, visits, visit,
                visit.Recorded(outcome, acuteFactorRecord, nonCooperation, intelligence, call.UserId), now);
            await records.AuditAsync(s, call, AuditOperation.Alteration, updated);
            return new RecordHomeVisitOutcomeResponse { HomeVisit = updated.ToContract() };
        }));
    }

    private Task<NominalRecord> FindVisibleNominalAsync(Session s, CallScope call, string id) =>
        RecordAccess.FindVisibleAsync(s, call, nominals, id, NominalNames.Format(id));

    private Task<HomeVisitRecord> FindVisitAsync(Session s, CallScope call, string nominalId, string id, string name) =>
        RecordAccess.FindVisibleAsync(s, call, new VisitsOf(visits, nominalId), id, name);

    private static (string NominalId, string Id) ParseName(string name) =>
        HomeVisitNames.TryParse(name) ?? throw ValidationFailedException.For("name", "must be a home visit name, nominals/{uuid}/homeVisits/{uuid}");

    /// <summary>The visits of one nominal: a visit of another nominal than its name says is not there (NOT_FOUND).</summary>
    private sealed class VisitsOf(HomeVisitStore visits, string nominalId) : IRecordReader<HomeVisitRecord>
    {
        public async Task<HomeVisitRecord?> FindAsync(Session session, string id) =>
            await visits.FindAsync(session, id) is { } visit && visit.NominalId == nominalId ? visit : null;
    }
}

/// <summary>Home visit records to contract messages.</summary>
internal static class HomeVisitMapping
{
    public static Contract.HomeVisit ToContract(this HomeVisitRecord v) => new()
    {
        Name = v.ResourceName,
        Nominal = NominalNames.Format(v.NominalId),
        State = (Contract.HomeVisitState)v.State,
        PlannedDate = v.PlannedDate.ToContract(),
        Officer = v.Officer,
        Purpose = v.Purpose,
        VisitTime = v.VisitTime is { } t ? Timestamp.FromDateTimeOffset(t) : null,
        Observations = v.Observations,
        AcuteFactorRecord = v.AcuteFactorRecord,
        NonCooperation = v.NonCooperation,
        Intelligence = v.Intelligence,
        PlannedBy = v.PlannedBy,
        RecordedBy = v.RecordedBy,
        CreateTime = Timestamp.FromDateTimeOffset(v.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(v.UpdateTime),
        OutcomeNote = v.OutcomeNote,
        Etag = Etag.From(v.Version),
    };
}
