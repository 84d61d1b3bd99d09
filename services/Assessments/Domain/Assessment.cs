using OffenderRisk.Assessments.Domain.Tools;

namespace OffenderRisk.Assessments.Domain;

/// <summary>The level for one group who may be harmed (R-AS1).</summary>
public sealed record GroupRisk(AffectedGroup Group, RiskLevel Level);

/// <summary>How victims were considered (R-VI1): the consideration, and the ids of the nominal's victims considered.</summary>
public sealed record VictimConsideration(string Consideration, IReadOnlyList<string> VictimIds);

/// <summary>The risk-to-children conclusion and the information it rests on (R-AS10).</summary>
public sealed record RiskToChildren(RiskToChildrenConclusion Conclusion, IReadOnlyList<string> InformationSources, string Rationale);

/// <summary>
/// What the author records in an assessment (R-AS1, R-AS2, R-AS4, R-AS10, R-VI1): everything an
/// update replaces. The nominal and the kind never change once created. The override's reasons
/// are the author's; whether there is an override is computed (<see cref="AssessmentOutcome"/>).
/// </summary>
public sealed record AssessmentDetails(
    string NominalId,
    AssessmentKind Kind,
    OspInputs? OspInputs,
    ArmsRatings? Arms,
    IReadOnlyList<GroupRisk> GroupLevels,
    string Likelihood,
    string Frequency,
    string Extent,
    IReadOnlyList<StaticRiskFactor> StaticFactors,
    IReadOnlyList<DynamicRiskFactor> DynamicFactors,
    string OverrideRationale,
    string OverrideJustification,
    VictimConsideration Victims,
    RiskToChildren RiskToChildren);

/// <summary>One disclosure of a countersigned assessment's outcome to a named agency (R-AS6).</summary>
public sealed record Disclosure(RecipientAgency Agency, string RecipientName, string Purpose, string DisclosedBy, DateTimeOffset Time);

/// <summary>
/// A stored assessment. <see cref="Outcome"/> is what the service computed when the author last
/// wrote it, stored with the tools' versions and read back as stored: a later change of weights
/// never rewrites it. <see cref="TypedToolOutcome"/> marks a record written before R-AS2 was
/// enforced, whose tool outcome the assessor typed (read as recorded; it must be updated before
/// it can be submitted). Version is the optimistic-concurrency counter behind the etag.
/// </summary>
public sealed record AssessmentRecord(
    string Id,
    string ForceCode,
    AssessmentDetails Details,
    AssessmentOutcome Outcome,
    string Author,
    AssessmentState State,
    DateTimeOffset? SubmitTime,
    IReadOnlyList<CountersignReturn> Returns,
    Countersignature? Countersignature,
    string? SupersededBy,
    IReadOnlyList<Disclosure> Disclosures,
    bool TypedToolOutcome,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IVersioned<AssessmentRecord>, INominalRecord, ICountersigned
{
    public string NominalId => Details.NominalId;

    public AssessmentKind Kind => Details.Kind;

    public string ResourceName => AssessmentNames.Format(Id);

    /// <summary>Countersigned and not superseded: the nominal's current assessment of its kind.</summary>
    public bool Current => State == AssessmentState.Countersigned && SupersededBy is null;

    /// <summary>The state in the platform's countersigning lifecycle (R-AS8, R-MR1).</summary>
    public CountersignStage Stage => State switch
    {
        AssessmentState.Draft => CountersignStage.Draft,
        AssessmentState.Submitted => CountersignStage.Submitted,
        AssessmentState.Returned => CountersignStage.Returned,
        AssessmentState.Countersigned => CountersignStage.Countersigned,
        _ => throw new InvalidOperationException($"Assessment {Id} has no state."),
    };

    /// <summary>A new assessment: every one starts as a draft, authored by the caller (R-AS8).</summary>
    public static AssessmentRecord Draft(AssessmentDetails details, AssessmentOutcome outcome, string force, string author, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, details, outcome, author, AssessmentState.Draft, null, [], null, null, [], false, now, now, 1);

    public AssessmentRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}
