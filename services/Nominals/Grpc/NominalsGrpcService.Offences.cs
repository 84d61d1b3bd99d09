using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The offence history, notifications and review decisions of a nominal (R-NT1, R-NT2, R-AS5).
/// Handlers validate and map the request, then delegate the change to the nominal
/// (Domain/NominalRecord.Offences.cs) through <see cref="ChangeAsync"/>.
/// </summary>
public sealed partial class NominalsGrpcService
{
    private const string EventField = "qualifying_event";

    /// <summary>The most a further qualifying date may lie after the decision (R-NT2; SOA 2003 s.91C: 8 years).</summary>
    private const int MaxFurtherQualifyingYears = 8;

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<RecordQualifyingEventResponse> RecordQualifyingEvent(RecordQualifyingEventRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var parsed = QualifyingEventValidation.Parse(v, request.QualifyingEvent ?? new Contract.QualifyingEvent(), EventField);
        if (v.Problems.Count == 0)
        {
            QualifyingEventValidation.CheckConsistent(v, parsed, EventField, Today());
        }
        var nominal = await ChangeAsync(call, request.Parent, "parent", request.Etag, v,
            (n, now) => n.RecordQualifyingEvent(parsed with { Id = Guid.CreateVersion7(now).ToString("D") }, call.UserId, now, arms));
        return new RecordQualifyingEventResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.ManageNominals)]
    public override async Task<UpdateQualifyingEventResponse> UpdateQualifyingEvent(UpdateQualifyingEventRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var e = request.QualifyingEvent ?? new Contract.QualifyingEvent();
        var parsed = QualifyingEventNames.TryParse(e.Name);
        v.Check(parsed is not null, $"{EventField}.name", "must be nominals/{id}/qualifyingEvents/{event}");
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => !QualifyingEventValidation.UpdatableFields.Contains(p)))
        {
            v.Add("update_mask", $"'{path}' cannot be updated");
        }
        var today = Today();
        var nominal = await ChangeAsync(call, parsed is null ? "" : NominalNames.Format(parsed.Value.NominalId), $"{EventField}.name", request.Etag, v,
            (n, _) => n.UpdateQualifyingEvent(parsed!.Value.Id, e.Name, current =>
            {
                // The amended event is checked as a whole, as a new one is.
                var amend = new Validator();
                var amended = QualifyingEventValidation.Amend(amend, current, e, paths, EventField);
                if (amend.Problems.Count == 0)
                {
                    QualifyingEventValidation.CheckConsistent(amend, amended, EventField, today);
                }
                amend.ThrowIfInvalid();
                return amended;
            }));
        return new UpdateQualifyingEventResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.RecordNotifications)]
    public override async Task<RecordNotificationResponse> RecordNotification(RecordNotificationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.DefinedEnum("kind", request.Kind);
        var notifyTime = IntelligenceValidation.PastTime(v, request.NotifyTime, "notify_time", clock.GetUtcNow());
        var nominal = await ChangeAsync(call, request.Parent, "parent", request.Etag, v,
            (n, now) => n.RecordNotification((NotificationKind)request.Kind, notifyTime, call.UserId, now));
        return new RecordNotificationResponse { Nominal = nominal };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<RecordReviewDecisionResponse> RecordReviewDecision(RecordReviewDecisionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var parsed = ReviewApplicationNames.TryParse(request.Name);
        v.Check(parsed is not null, "name", "must be nominals/{id}/reviewApplications/{application}")
         .DefinedEnum("decision", request.Decision)
         .Required("rationale", request.Rationale)
         .MaxLength("rationale", request.Rationale, MaxReasonLength);
        var decided = NominalValidation.ValidateDate(v, request.DecisionDate, "decision_date", required: true);
        v.Check(decided is null || decided <= Today(), "decision_date", "must not be in the future");
        var further = NominalValidation.ValidateDate(v, request.FurtherQualifyingDate, "further_qualifying_date", required: false);
        if (further is not null)
        {
            v.Check(request.Decision == Contract.ReviewDecision.Refused, "further_qualifying_date", "may be set only on a refusal", rule: "R-NT2")
             .Check(decided is null || further > decided, "further_qualifying_date", "must be after the decision date", rule: "R-NT2")
             .Check(decided is null || further <= decided.Value.AddYears(MaxFurtherQualifyingYears), "further_qualifying_date",
                $"must be at most {MaxFurtherQualifyingYears} years after the decision date", rule: "R-NT2");
        }
        var nominal = await ChangeAsync(call, parsed is null ? "" : NominalNames.Format(parsed.Value.NominalId), "name", request.Etag, v,
            (n, _) => n.RecordReviewDecision(parsed!.Value.Id, request.Name, (ReviewDecision)request.Decision, decided!.Value, further,
                request.Rationale, call.UserId));
        return new RecordReviewDecisionResponse { Nominal = nominal };
    }
}
