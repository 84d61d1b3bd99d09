
namespace OffenderRisk.Assessments.Domain;

/// <summary>
/// R-AS6: every tool outcome is recorded and can be shared with relevant agencies, but only a
/// finished one: a countersigned assessment (R-AS8), current or superseded. Each disclosure is
/// kept on the assessment, oldest first, up to a bound (hostile input).
/// </summary>
public static class AssessmentDisclosure
{
    public const string RuleId = "R-AS6";

    public const int MaxDisclosures = 200;
    public const int MaxRecipientNameLength = 200;
    public const int MaxPurposeLength = Validator.DefaultMaxTextLength;

    /// <summary>The assessment with <paramref name="disclosure"/> appended; FAILED_PRECONDITION citing R-AS6 on <paramref name="field"/> otherwise.</summary>
    public static AssessmentRecord Disclose(AssessmentRecord assessment, Disclosure disclosure, string field = "name")
    {
        if (assessment.State != AssessmentState.Countersigned)
        {
            throw new RuleViolationException(RuleId, field,
                "only a countersigned assessment is shared: a draft, submitted or returned one is not finished (R-AS8)");
        }
        if (assessment.Disclosures.Count >= MaxDisclosures)
        {
            throw new RuleViolationException(RuleId, field,
                $"this assessment has been disclosed {MaxDisclosures} times, the most kept on it");
        }
        return assessment with { Disclosures = [.. assessment.Disclosures, disclosure], UpdateTime = disclosure.Time };
    }
}
