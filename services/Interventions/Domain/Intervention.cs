namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// What the author records about an intervention: which one (R-MG9), its systematic analysis
/// (R-MG8), and the plan actions it delivers ("plans/{plan}/actions/{action}").
/// </summary>
public sealed record InterventionDetails(
    string NominalId,
    InterventionKind Kind,
    InterventionType Type,
    string Description,
    SystematicAnalysis Analysis)
{
    public IReadOnlyList<string> PlanActions { get; init; } = [];
}

/// <summary>
/// A stored intervention. Version is the optimistic-concurrency counter behind the etag. Its life
/// over time (status, dates, history and breaches, R-MG10) changes only through the methods in
/// InterventionRecord.Lifecycle.cs.
/// </summary>
public sealed partial record InterventionRecord(
    string Id,
    string ForceCode,
    InterventionDetails Details,
    string Author,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : INominalRecord, IVersioned<InterventionRecord>
{
    public string NominalId => Details.NominalId;

    public string ResourceName => InterventionNames.Format(Id);

    /// <summary>PLANNED when recorded; moved on by <see cref="ChangeStatus"/>.</summary>
    public InterventionStatus Status { get; init; } = InterventionStatus.Planned;

    /// <summary>The date it became ACTIVE.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The date it ENDED.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Every status change, oldest first.</summary>
    public IReadOnlyList<InterventionStatusChange> StatusHistory { get; init; } = [];

    /// <summary>Every breach, oldest first (at most <see cref="MaxBreaches"/>).</summary>
    public IReadOnlyList<InterventionBreach> Breaches { get; init; } = [];

    /// <summary>A new intervention, recorded by <paramref name="author"/>: PLANNED.</summary>
    public static InterventionRecord New(InterventionDetails details, string force, string author, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, details, author, now, now, 1);

    public InterventionRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}

/// <summary>One change of an intervention's status, kept in its history.</summary>
public sealed record InterventionStatusChange(
    InterventionStatus From,
    InterventionStatus To,
    DateOnly EffectiveDate,
    string Reason,
    string ChangedBy,
    DateTimeOffset ChangeTime);

/// <summary>A breach of an intervention (R-MG10), "interventions/{id}/breaches/{breach}".</summary>
public sealed record InterventionBreach(
    string Id,
    DateOnly OccurDate,
    string Details,
    string ImmediateAction,
    string RecordedBy,
    DateTimeOffset RecordTime)
{
    public const string Collection = "breaches";

    public string NameUnder(string interventionId) => $"{InterventionNames.Format(interventionId)}/{Collection}/{Id}";
}
