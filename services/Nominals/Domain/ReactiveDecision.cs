using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Domain;

/// <summary>Another assessment a professional judgement considered (R-RM3): what it was, where it is kept, when it was written.</summary>
public sealed record ConsideredAssessment(ConsideredAssessmentKind Kind, string Reference, DateOnly AssessmentDate);

/// <summary>R-RM3: the professional judgement placing a female offender, with the other assessments it considered.</summary>
public sealed record ProfessionalJudgement(string Rationale, IReadOnlyList<ConsideredAssessment> AssessmentsConsidered)
{
    public const int MaxRationaleLength = 4000;
    public const int MaxAssessmentsConsidered = 20;
    public const int MaxReferenceLength = 200;
}

/// <summary>
/// A reactive management decision (R-RM1 to R-RM4, R-RM7): the officer's proposal, its criteria as
/// last evaluated (<see cref="ReactiveCriteria"/>), and the supervisor's approval or rejection. Its
/// force is its nominal's (read with it, never stored), so a transfer takes it along.
/// </summary>
public sealed record ReactiveDecisionRecord(
    string Id,
    string NominalId,
    string ForceCode,
    ReactiveDecisionState State,
    IReadOnlyList<string> Reasons,
    ProfessionalJudgement? Judgement,
    IReadOnlyList<CriterionResult> Criteria,
    DateOnly WindowStart,
    bool PendingDischargeException,
    bool ReturnAfterSignificantChange,
    string ProposedBy,
    DateTimeOffset ProposeTime,
    string DecidedBy,
    DateTimeOffset? DecideTime,
    string RejectionReason,
    DateTimeOffset UpdateTime,
    long Version) : INominalRecord, IVersioned<ReactiveDecisionRecord>
{
    public const int MaxReasons = 20;
    public const int MaxReasonLength = 500;
    public const int MaxRejectionReasonLength = 4000;

    public string ResourceName => ReactiveDecisionNames.Format(NominalId, Id);

    public ReactiveDecisionRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };

    /// <summary>
    /// The officer's proposal for a nominal under active management (R-RM1), evaluated at once:
    /// PROPOSED when every criterion passes, REFUSED (kept, with the criteria saying which failed)
    /// otherwise. A professional judgement is for a female offender only (R-RM3).
    /// </summary>
    public static ReactiveDecisionRecord Propose(
        string id, NominalRecord nominal, IReadOnlyList<string> reasons, ProfessionalJudgement? judgement,
        IReadOnlyList<SignificantChangeConcern> concerns, string proposedBy, DateTimeOffset now)
    {
        if (nominal.Status != ManagementStatus.Active)
        {
            throw new RuleViolationException("R-RM1", "parent",
                "reactive management is proposed for a nominal under active management only");
        }
        if (judgement is not null && nominal.Details.Gender != Gender.Female)
        {
            throw new RuleViolationException("R-RM3", "decision.professional_judgement",
                "placement on professional judgement is for a female offender only; the other criteria apply to this nominal");
        }
        var evaluation = ReactiveCriteria.Evaluate(nominal, concerns, judgement, LocalDates.DateOf(now));
        return new ReactiveDecisionRecord(id, nominal.Id, nominal.ForceCode,
            evaluation.Passed ? ReactiveDecisionState.Proposed : ReactiveDecisionState.Refused,
            reasons.Select(r => r.Trim()).ToArray(), judgement, evaluation.Criteria, evaluation.WindowStart,
            evaluation.PendingDischargeException, evaluation.ReturnAfterSignificantChange, proposedBy, now, "", null, "", now, 1);
    }

    /// <summary>
    /// R-RM4: a supervisor who is neither the proposer nor the nominal's MOSOVO officer (user ids
    /// compared ignoring case) approves a PROPOSED decision. The criteria are evaluated again on
    /// the day: a failing one refuses the approval citing its rule, and nothing changes. Otherwise
    /// the decision is APPROVED with the criteria as evaluated now, and the nominal is placed on
    /// reactive management (<see cref="NominalRecord.PlaceOnReactiveManagement"/>).
    /// </summary>
    public (ReactiveDecisionRecord Decision, NominalChange Placement) Approve(
        NominalRecord nominal, IReadOnlyList<SignificantChangeConcern> concerns, StaffMember approver, DateTimeOffset now)
    {
        RequireProposed("approved");
        if (!approver.IsSupervisor)
        {
            throw new RuleViolationException("R-RM4", "name", "placement on reactive management needs a supervisor's approval");
        }
        if (UserIds.Same(approver.UserId, ProposedBy))
        {
            throw new RuleViolationException("R-RM4", "name", "the approving supervisor cannot be the officer who proposed the placement");
        }
        if (UserIds.Same(approver.UserId, nominal.Management.MosovoOfficer))
        {
            throw new RuleViolationException("R-RM4", "name", "the approving supervisor cannot be the nominal's MOSOVO officer");
        }
        var evaluation = ReactiveCriteria.Evaluate(nominal, concerns, Judgement, LocalDates.DateOf(now));
        if (!evaluation.Passed)
        {
            var failed = evaluation.Criteria.Where(c => !c.Passed).ToList();
            throw new RuleViolationException(failed[0].RuleId, "name",
                "the criteria no longer all pass: " + string.Join("; ", failed.Select(c => $"{ReactiveCriteria.Code(c.Criterion)}: {c.Reason}")));
        }
        var approved = this with
        {
            State = ReactiveDecisionState.Approved,
            Criteria = evaluation.Criteria,
            WindowStart = evaluation.WindowStart,
            PendingDischargeException = evaluation.PendingDischargeException,
            ReturnAfterSignificantChange = evaluation.ReturnAfterSignificantChange,
            DecidedBy = approver.UserId,
            DecideTime = now,
        };
        return (approved, nominal.PlaceOnReactiveManagement(approved, now));
    }

    /// <summary>A supervisor declines a PROPOSED decision with a reason (R-AU3): it becomes REJECTED.</summary>
    public ReactiveDecisionRecord Reject(string reason, string supervisor, DateTimeOffset now)
    {
        RequireProposed("rejected");
        return this with { State = ReactiveDecisionState.Rejected, RejectionReason = reason.Trim(), DecidedBy = supervisor, DecideTime = now };
    }

    private void RequireProposed(string action)
    {
        if (State != ReactiveDecisionState.Proposed)
        {
            throw new PreconditionFailedException("DECISION_NOT_PROPOSED", "name",
                $"only a proposed decision can be {action}; this one is {ReactiveCriteria.Code(State)}");
        }
    }
}

/// <summary>Reactive decision names: "nominals/{id}/reactiveDecisions/{decision}".</summary>
public static class ReactiveDecisionNames
{
    public const string Collection = "reactiveDecisions";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, Collection, name);
}
