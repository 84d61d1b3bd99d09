using OffenderRisk.Assessments.Domain;

namespace OffenderRisk.Assessments.Storage;

/// <summary>This service's change feed (being written: publishes nothing yet).</summary>
public sealed class AssessmentFeed
{
    /// <summary>Writes the event in the session of the countersigning.</summary>
    public Task PublishCountersignedAsync(Session session, AssessmentCountersigned countersigned) => Task.CompletedTask;
}
