namespace OffenderRisk.Nominals.Domain;

/// <summary>One work item to create for a piece of intelligence.</summary>
public sealed record IntelligenceWorkItem(WorkItemRoute Route, bool Urgent);

/// <summary>Where intelligence goes the moment it is recorded (R-ID2, R-ID3).</summary>
public static class IntelligenceRouter
{
    /// <summary>
    /// R-ID2: to the nominal's MOSOVO officer, or the owning force's unassigned queue while it has
    /// none. R-ID3: information suggesting a risk of serious harm is urgent and also goes to the
    /// owning force's supervisors.
    /// </summary>
    public static IReadOnlyList<IntelligenceWorkItem> WorkItemsFor(NominalRecord nominal, bool riskOfSeriousHarm)
    {
        var items = new List<IntelligenceWorkItem> { new(WorkItemRoute.ToOfficerOf(nominal), riskOfSeriousHarm) };
        if (riskOfSeriousHarm)
        {
            items.Add(new IntelligenceWorkItem(WorkItemRoute.Supervisors, Urgent: true));
        }
        return items;
    }

    /// <summary>
    /// How the recorder is told where it went: the queue, never who the officer is; and to a recorder
    /// of another force (R-ID2) only that it went to the owning force, the same answer whether or not
    /// the nominal has an officer, which is not that force's to know.
    /// </summary>
    public static IntelligenceRouting Outcome(IReadOnlyList<IntelligenceWorkItem> items, bool recorderIsOwningForce) =>
        !recorderIsOwningForce ? IntelligenceRouting.OwningForce
        : items[0].Route.Queue == WorkQueue.Officer ? IntelligenceRouting.Officer : IntelligenceRouting.UnassignedQueue;
}
