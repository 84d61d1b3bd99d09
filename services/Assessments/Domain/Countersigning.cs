
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS8: a supervisor countersigns every risk assessment; it is a draft until then, and its
/// author cannot countersign it (even an author who is a supervisor). Countersigning happens once.
/// </summary>
public static class Countersigning
{
    public const string RuleId = "R-AS8";
    public const string AlreadyCountersignedReason = "ALREADY_COUNTERSIGNED";

    /// <summary>The assessment as countersigned by <paramref name="supervisor"/> at <paramref name="now"/>.</summary>
    public static AssessmentRecord Countersign(AssessmentRecord assessment, string supervisor, DateTimeOffset now, string field = "name")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        if (assessment.State != AssessmentState.Draft)
        {
            throw new PreconditionFailedException(AlreadyCountersignedReason, field, "The assessment is already countersigned.");
        }
        // User ids are compared normalised: "sgt-2001" is the author "SGT-2001".
        if (string.Equals(assessment.Author.Trim(), supervisor.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new RuleViolationException(RuleId, field,
                "the author of an assessment cannot countersign it; another supervisor must");
        }
        return assessment with
        {
            State = AssessmentState.Countersigned,
            Countersignature = new Countersignature(supervisor, now),
            UpdateTime = now,
            Version = assessment.Version + 1,
        };
    }
}
