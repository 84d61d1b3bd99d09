using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The shape of a reactive management proposal (R-RM4: its reasons are kept; R-RM3: a professional
/// judgement's rationale and the other assessments it considered) and of a rejection (R-AU3).
/// Output-only fields are ignored. Whether the rules allow it is the domain's (ReactiveDecisionRecord).
/// </summary>
public static class ReactiveDecisionValidation
{
    public static (IReadOnlyList<string> Reasons, ProfessionalJudgement? Judgement) Validate(Contract.ReactiveDecision? decision, string prefix, DateOnly today)
    {
        var v = new Validator();
        var d = decision ?? new Contract.ReactiveDecision();
        v.Check(d.Reasons.Count is >= 1 and <= ReactiveDecisionRecord.MaxReasons, $"{prefix}.reasons",
            $"give at least one reason and at most {ReactiveDecisionRecord.MaxReasons}: the placement's reasons are kept", "R-RM4");
        for (var i = 0; i < Math.Min(d.Reasons.Count, ReactiveDecisionRecord.MaxReasons); i++)
        {
            v.Required($"{prefix}.reasons[{i}]", d.Reasons[i].Trim(), "R-RM4")
             .MaxLength($"{prefix}.reasons[{i}]", d.Reasons[i], ReactiveDecisionRecord.MaxReasonLength);
        }
        var judgement = d.ProfessionalJudgement is null ? null : Validate(v, d.ProfessionalJudgement, $"{prefix}.professional_judgement", today);
        v.ThrowIfInvalid();
        return (d.Reasons.Select(r => r.Trim()).ToArray(), judgement);
    }

    /// <summary>R-AU3: a rejection says why.</summary>
    public static void ValidateRejection(Validator v, string reason) =>
        v.Required("reason", reason.Trim(), "R-AU3").MaxLength("reason", reason, ReactiveDecisionRecord.MaxRejectionReasonLength);

    private static ProfessionalJudgement Validate(Validator v, Contract.ProfessionalJudgement j, string prefix, DateOnly today)
    {
        v.Required($"{prefix}.rationale", j.Rationale.Trim(), "R-RM3")
         .MaxLength($"{prefix}.rationale", j.Rationale, ProfessionalJudgement.MaxRationaleLength)
         .Check(j.AssessmentsConsidered.Count is >= 1 and <= ProfessionalJudgement.MaxAssessmentsConsidered, $"{prefix}.assessments_considered",
            $"cite at least one other assessment considered (PSR, SRP, ASSET, psychological) and at most {ProfessionalJudgement.MaxAssessmentsConsidered}", "R-RM3");
        var considered = new List<ConsideredAssessment>();
        for (var i = 0; i < Math.Min(j.AssessmentsConsidered.Count, ProfessionalJudgement.MaxAssessmentsConsidered); i++)
        {
            var a = j.AssessmentsConsidered[i];
            var field = $"{prefix}.assessments_considered[{i}]";
            v.DefinedEnum($"{field}.kind", a.Kind, rule: "R-RM3")
             .Required($"{field}.reference", a.Reference.Trim())
             .MaxLength($"{field}.reference", a.Reference, ProfessionalJudgement.MaxReferenceLength);
            var date = NominalValidation.ValidateDate(v, a.AssessmentDate, $"{field}.assessment_date", required: true);
            v.Check(date is null || date <= today, $"{field}.assessment_date", "must not be in the future");
            considered.Add(new ConsideredAssessment((ConsideredAssessmentKind)a.Kind, a.Reference.Trim(), date ?? default));
        }
        return new ProfessionalJudgement(j.Rationale.Trim(), considered);
    }
}
