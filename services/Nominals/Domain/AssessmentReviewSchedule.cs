using Microsoft.Extensions.Options;

namespace OffenderRisk.Nominals.Domain;

/// <summary>R-AS7: when a countersigned ARMS is next reviewed, by its level (<see cref="AssessmentReviewMonths"/>, local policy).</summary>
public sealed class AssessmentReviewSchedule(IOptions<NominalRules> rules)
{
    /// <summary>The review due date of an assessment at <paramref name="level"/> countersigned on <paramref name="countersignDate"/>.</summary>
    public DateOnly DueFrom(RiskLevel level, DateOnly countersignDate) =>
        countersignDate.AddMonths(rules.Value.AssessmentReviewMonths.For(level));
}
