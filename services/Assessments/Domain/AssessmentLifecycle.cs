
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS8 and R-MR1: a supervisor countersigns every risk assessment, and it is not finished until
/// then. DRAFT -> SUBMITTED -> COUNTERSIGNED, or SUBMITTED -> RETURNED (with a reason, kept) ->
/// SUBMITTED again. Only the author writes and submits; only a supervisor who is not the author
/// (user ids compared trimmed and case-insensitively: "sgt-2001" is "SGT-2001") returns or
/// countersigns. Every refusal cites R-AS8 on <c>field</c> (the request's "name").
/// The caller's supervisor role is the RPC's authorisation policy; these rules are about who.
/// </summary>
public static class AssessmentLifecycle
{
    public const string RuleId = "R-AS8";

    /// <summary>A bound on the kept history of returns (hostile input): past it, countersign or start a new assessment.</summary>
    public const int MaxReturns = 100;

    public const int MaxReasonLength = Validator.DefaultMaxTextLength;

    /// <summary>Whether two user ids name the same person.</summary>
    public static bool SameUser(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The author replaces what they wrote in a draft or returned assessment, with its outcome recomputed.</summary>
    public static AssessmentRecord Revise(AssessmentRecord assessment, AssessmentDetails details, AssessmentOutcome outcome, string user, DateTimeOffset now, string field = "name")
    {
        EnsureState(assessment, field, "updated", AssessmentState.Draft, AssessmentState.Returned);
        EnsureAuthor(assessment, user, field, "update");
        return assessment with { Details = details, Outcome = outcome, TypedToolOutcome = false, UpdateTime = now };
    }

    /// <summary>The author submits a draft or returned assessment for countersigning.</summary>
    public static AssessmentRecord Submit(AssessmentRecord assessment, string user, DateTimeOffset now, string field = "name")
    {
        EnsureState(assessment, field, "submitted", AssessmentState.Draft, AssessmentState.Returned);
        EnsureAuthor(assessment, user, field, "submit");
        if (assessment.TypedToolOutcome)
        {
            throw new RuleViolationException(RuleId, field,
                "this draft was written before tool outcomes were computed (R-AS2): update it with its OSP inputs before submitting it");
        }
        return assessment with { State = AssessmentState.Submitted, SubmitTime = now, UpdateTime = now };
    }

    /// <summary>A supervisor other than the author returns a submitted assessment with a reason; the return is kept.</summary>
    public static AssessmentRecord Return(AssessmentRecord assessment, string supervisor, string reason, DateTimeOffset now, string field = "name")
    {
        EnsureState(assessment, field, "returned", AssessmentState.Submitted);
        EnsureNotAuthor(assessment, supervisor, field, "return");
        if (assessment.Returns.Count >= MaxReturns)
        {
            throw new RuleViolationException(RuleId, field,
                $"this assessment has been returned {MaxReturns} times, the most kept: countersign it or start a new assessment");
        }
        return assessment with
        {
            State = AssessmentState.Returned,
            Returns = [.. assessment.Returns, new AssessmentReturn(supervisor, now, reason)],
            UpdateTime = now,
        };
    }

    /// <summary>A supervisor other than the author countersigns a submitted assessment: it is finished, and current.</summary>
    public static AssessmentRecord Countersign(AssessmentRecord assessment, string supervisor, DateTimeOffset now, string field = "name")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        EnsureState(assessment, field, "countersigned", AssessmentState.Submitted);
        EnsureNotAuthor(assessment, supervisor, field, "countersign");
        return assessment with
        {
            State = AssessmentState.Countersigned,
            Countersignature = new Countersignature(supervisor, now),
            UpdateTime = now,
        };
    }

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

    private static void EnsureState(AssessmentRecord assessment, string field, string verb, params AssessmentState[] allowed)
    {
        if (!allowed.Contains(assessment.State))
        {
            throw new RuleViolationException(RuleId, field,
                $"a {Describe(assessment.State)} assessment cannot be {verb}; only a {string.Join(" or ", allowed.Select(Describe))} one can");
        }
    }

    private static void EnsureAuthor(AssessmentRecord assessment, string user, string field, string verb)
    {
        if (!SameUser(assessment.Author, user))
        {
            throw new RuleViolationException(RuleId, field, $"only the author of an assessment may {verb} it");
        }
    }

    private static void EnsureNotAuthor(AssessmentRecord assessment, string supervisor, string field, string verb)
    {
        if (SameUser(assessment.Author, supervisor))
        {
            throw new RuleViolationException(RuleId, field, $"the author of an assessment cannot {verb} it; another supervisor must");
        }
    }

    private static string Describe(AssessmentState state) => state switch
    {
        AssessmentState.Draft => "draft",
        AssessmentState.Submitted => "submitted",
        AssessmentState.Returned => "returned",
        AssessmentState.Countersigned => "countersigned",
        _ => "unknown",
    };
}
