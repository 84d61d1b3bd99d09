
namespace OffenderRisk.Assessments.Domain;

/// <summary>What the author records in an assessment (R-AS1, R-AS3, R-AS4).</summary>
public sealed record AssessmentDetails(
    string NominalId,
    AssessmentKind Tool,
    RiskLevel ToolOutcome,
    RiskLevel FinalLevel,
    IReadOnlyList<AffectedGroup> AffectedGroups,
    string Likelihood,
    string Frequency,
    string Extent,
    IReadOnlyList<StaticRiskFactor> StaticFactors,
    IReadOnlyList<DynamicRiskFactor> DynamicFactors,
    ProfessionalOverride? Override)
{
    /// <summary>True when professional judgement departed from the tool (R-AS3): both levels are kept.</summary>
    public bool Overridden => FinalLevel != ToolOutcome;
}

/// <summary>A supervisor's countersignature (R-AS8).</summary>
public sealed record Countersignature(string Supervisor, DateTimeOffset Time);

/// <summary>A stored assessment. Version is the optimistic-concurrency counter behind the etag.</summary>
public sealed record AssessmentRecord(
    string Id,
    string ForceCode,
    AssessmentDetails Details,
    string Author,
    AssessmentState State,
    Countersignature? Countersignature,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IVersioned<AssessmentRecord>, INominalRecord
{
    public string NominalId => Details.NominalId;

    public string ResourceName => AssessmentNames.Format(Id);

    /// <summary>A new assessment: every one starts as a draft, authored by the caller (R-AS8).</summary>
    public static AssessmentRecord Draft(AssessmentDetails details, string force, string author, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, details, author, AssessmentState.Draft, null, now, now, 1);

    public AssessmentRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}
