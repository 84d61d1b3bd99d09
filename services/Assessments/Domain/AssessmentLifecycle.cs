
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS8 and R-MR1: a supervisor countersigns every risk assessment, and it is not finished until
/// then. The lifecycle and who may take each step are the platform's one countersigning mechanism
/// (<see cref="Countersigning"/>, shared with plans); this adds what is the assessment's own: an
/// update recomputes the outcome, a draft whose tool outcome was typed cannot be submitted, and
/// supersession. Every refusal cites R-AS8 on <c>field</c> (the request's "name").
/// </summary>
public static class AssessmentLifecycle
{
    public const string RuleId = "R-AS8";

    public const int MaxReturns = Countersigning.MaxReturns;

    public const int MaxReasonLength = Countersigning.MaxReasonLength;

    /// <summary>The countersigning lifecycle as it applies to assessments.</summary>
    public static readonly Countersigning Steps = new(RuleId, "assessment");

    /// <summary>The author replaces what they wrote in a draft or returned assessment, with its outcome recomputed.</summary>
    public static AssessmentRecord Revise(AssessmentRecord assessment, AssessmentDetails details, AssessmentOutcome outcome, string user, DateTimeOffset now, string field = "name")
    {
        Steps.EnsureAuthorMayRevise(assessment, user, field);
        return assessment with { Details = details, Outcome = outcome, TypedToolOutcome = false, UpdateTime = now };
    }

    /// <summary>The author submits a draft or returned assessment for countersigning.</summary>
    public static AssessmentRecord Submit(AssessmentRecord assessment, string user, DateTimeOffset now, string field = "name")
    {
        Steps.EnsureAuthorMaySubmit(assessment, user, field);
        if (assessment.TypedToolOutcome)
        {
            throw new RuleViolationException(RuleId, field,
                "this draft was written before tool outcomes were computed (R-AS2): update it with its OSP inputs before submitting it");
        }
        return assessment with { State = AssessmentState.Submitted, SubmitTime = now, UpdateTime = now };
    }

    /// <summary>A supervisor other than the author returns a submitted assessment with a reason; the return is kept.</summary>
    public static AssessmentRecord Return(AssessmentRecord assessment, string supervisor, string reason, DateTimeOffset now, string field = "name") =>
        assessment with
        {
            Returns = [.. assessment.Returns, Steps.Return(assessment, supervisor, reason, now, field)],
            State = AssessmentState.Returned,
            UpdateTime = now,
        };

    /// <summary>A supervisor other than the author countersigns a submitted assessment: it is finished, and current.</summary>
    public static AssessmentRecord Countersign(AssessmentRecord assessment, string supervisor, DateTimeOffset now, string field = "name") =>
        assessment with
        {
            Countersignature = Steps.Countersign(assessment, supervisor, now, field),
            State = AssessmentState.Countersigned,
            UpdateTime = now,
        };

    /// <summary>
    /// A current assessment replaced by the one countersigned after it (<paramref name="by"/>, of
    /// the same nominal and kind): it stays readable and countersigned, no longer current.
    /// </summary>
    public static AssessmentRecord Supersede(AssessmentRecord assessment, string by, DateTimeOffset now)
    {
        if (!assessment.Current || assessment.Id == by)
        {
            throw new InvalidOperationException("Only a current assessment is superseded, and never by itself.");
        }
        return assessment with { SupersededBy = by, UpdateTime = now };
    }
}
