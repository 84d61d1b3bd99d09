namespace OffenderRisk.Interventions.Domain;

/// <summary>An outcome the plan is to achieve (R-MG4); its id is kept across versions.</summary>
public sealed record PlanObjective(string Id, string Outcome);

/// <summary>Who completed an action, when and what was done (R-MG4).</summary>
public sealed record ActionCompletion(DateOnly CompletionDate, string Note, string CompletedBy, DateTimeOffset RecordTime);

/// <summary>
/// An action of the plan (R-MG4): an owner, a due date, one of the four headings and the
/// objectives it serves; its id is kept across versions, and so is its completion.
/// </summary>
public sealed record PlanAction(
    string Id, ActionHeading Heading, string Description, string Owner, DateOnly DueDate, IReadOnlyList<string> Objectives,
    ActionCompletion? Completion = null)
{
    public bool Completed => Completion is not null;
}

/// <summary>
/// What the author writes in a plan version, everything an update replaces (R-MG4, R-VI1, R-RM4).
/// Completions are not the author's: they are recorded on the current version, and a revision
/// carries them over.
/// </summary>
public sealed record PlanContent(
    string Summary,
    IReadOnlyList<PlanObjective> Objectives,
    IReadOnlyList<PlanAction> Actions,
    string VictimSafety,
    bool VictimsIdentified,
    DateOnly? ReviewDate);

/// <summary>
/// One stored version of a nominal's plan of one kind. <see cref="Number"/> is the plan's version
/// (1, 2...); <see cref="Version"/> is the optimistic-concurrency counter behind the etag.
/// </summary>
public sealed record PlanRecord(
    string Id,
    string ForceCode,
    string NominalId,
    PlanKind Kind,
    int Number,
    string? Revises,
    PlanState State,
    PlanContent Content,
    string Author,
    DateTimeOffset? SubmitTime,
    IReadOnlyList<CountersignReturn> Returns,
    Countersignature? Countersignature,
    string? SupersededBy,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IVersioned<PlanRecord>, INominalRecord, ICountersigned
{
    public string ResourceName => PlanNames.Format(Id);

    /// <summary>Countersigned and not superseded: the nominal's current plan of its kind.</summary>
    public bool Current => State == PlanState.Countersigned && SupersededBy is null;

    /// <summary>Draft, submitted or returned: a version still being written or countersigned.</summary>
    public bool Open => State is PlanState.Draft or PlanState.Submitted or PlanState.Returned;

    public CountersignStage Stage => State switch
    {
        PlanState.Draft => CountersignStage.Draft,
        PlanState.Submitted => CountersignStage.Submitted,
        PlanState.Returned => CountersignStage.Returned,
        PlanState.Countersigned => CountersignStage.Countersigned,
        _ => throw new InvalidOperationException($"Plan {Id} has no state."),
    };

    public PlanRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}
