namespace OffenderRisk.Nominals.Domain;

/// <summary>An address the person lives or lived at.</summary>
public sealed record AddressRecord(IReadOnlyList<string> Lines, string Postcode, DateOnly? FromDate, DateOnly? ToDate);

public sealed record OfficerAssignmentEntry(string Officer, string AssignedBy, DateTimeOffset AssignTime, string Reason);

/// <summary>
/// MAPPA arrangements as set (R-MG1). <paramref name="EffectiveDate"/> is the date the level was set
/// (e.g. at the MAPPA meeting), from which its reviews count (R-MR2); null in entries recorded
/// before it was kept, whose set time's date stands for it.
/// </summary>
public sealed record MappaEntry(int Category, int Level, string Reason, string SetBy, DateTimeOffset SetTime, DateOnly? EffectiveDate = null)
{
    public DateOnly LevelSetOn => EffectiveDate ?? LocalDates.DateOf(SetTime);
}

/// <summary>
/// A MAPPA review (R-MR2, R-MG1): its outcome, the level before it and the level decided (0: kept),
/// why (R-AU3), and when the next review falls due.
/// </summary>
public sealed record MappaReviewEntry(
    string Id, DateOnly ReviewDate, string Outcome, int LevelBefore, int LevelDecision, string Rationale, string RecordedBy,
    DateTimeOffset RecordTime, DateOnly NextReviewDue);

/// <summary>
/// The NIM target profile flag (R-MG6) as set or removed: the default set by a countersigned VERY_HIGH
/// assessment names it (<paramref name="AssessmentId"/>) and its countersigner; a removal keeps its rationale (R-AU3).
/// </summary>
public sealed record TargetProfileEntry(bool Flagged, string Reason, string SetBy, DateTimeOffset SetTime, string AssessmentId = "");

/// <summary>The current countersigned plan of a kind as the interventions feed announced it (R-MG3, R-MG5).</summary>
public sealed record KnownPlan(PlanKind Kind, string PlanId, int Version, DateOnly CountersignDate);

/// <summary>One change of lead agency; <paramref name="EffectiveDate"/> is when it took effect (null in entries recorded before it was kept).</summary>
public sealed record LeadAgencyEntry(LeadAgency LeadAgency, string ManagerAuthority, string Reason, string ChangedBy, DateTimeOffset ChangeTime, DateOnly? EffectiveDate = null);

public sealed record CivilOrderRecord(string Id, CivilOrderType Type, string Description, DateOnly StartDate, DateOnly? EndDate, bool PendingDischarge)
{
    public bool IsSexualOrder => Type is CivilOrderType.Shpo or CivilOrderType.Sro;

    public bool InForceOn(DateOnly day) => StartDate <= day && (EndDate is null || EndDate >= day);
}

/// <summary>
/// One change of management status (R-RM4, R-AU3), never wiped. For a placement on reactive
/// management: who proposed it, the approving supervisor, its reasons, and whether it was placed
/// under the R-RM2 exception (an order pending discharge), and the approved decision that placed it
/// (its name; empty in entries made before decisions). For a return trigger: the record that
/// triggered it.
/// </summary>
public sealed record StatusChangeEntry(
    ManagementStatus FromStatus, ManagementStatus ToStatus, string Reason, string ChangedBy, DateTimeOffset ChangeTime,
    StatusChangeTrigger Trigger, string ProposedBy, string ApprovedBy, IReadOnlyList<string> PlacementReasons,
    bool PendingDischargeException, string TriggerRecord, string ReactiveDecision = "");

/// <summary>A change of a guarded field (<see cref="GuardedFields"/>), with its values before and after as text.</summary>
public sealed record GuardedFieldEntry(
    string Field, string PreviousValue, string NewValue, string Reason, string ManagerAuthority, string ChangedBy, DateTimeOffset ChangeTime);

/// <summary>The fields of a nominal that change only through their own RPCs, with a reason and rule re-checks.</summary>
public static class GuardedFields
{
    public const string Category = "category";
    public const string DateOfBirth = "date_of_birth";
}

/// <summary>
/// A risk-to-children conclusion (R-AS10) as a countersigned assessment gave it, recorded by its
/// countersigner: the information it rests on stays on the assessment. A conclusion recorded on the
/// nominal before conclusions came from assessments has no assessment and keeps its own
/// <see cref="InformationSources"/> and <see cref="Rationale"/> as stored, so no evidence is lost.
/// </summary>
public sealed record RiskToChildrenRecord(RiskToChildrenConclusion Conclusion, string RecordedBy, DateTimeOffset RecordTime, string AssessmentId = "")
{
    public IReadOnlyList<string> InformationSources { get; init; } = [];

    public string Rationale { get; init; } = "";
}

/// <summary>A countersigned assessment as the nominal knows it, from the assessments feed (R-AS7, R-AS8).</summary>
public sealed record AssessedLevelEntry(string AssessmentId, AssessmentKind Kind, RiskLevel Level, DateOnly CountersignDate);

/// <summary>
/// How the unit manages the nominal: officer, MAPPA, lead agency, offence history, notifications,
/// review applications, orders and flags.
/// Histories are append-only lists, oldest first.
/// </summary>
public sealed record NominalManagement
{
    public string MosovoOfficer { get; init; } = "";
    public IReadOnlyList<OfficerAssignmentEntry> OfficerHistory { get; init; } = [];
    /// <summary>Why management ended, while it is ended (every end reason stays in <see cref="StatusHistory"/>).</summary>
    public string EndReason { get; init; } = "";
    public IReadOnlyList<StatusChangeEntry> StatusHistory { get; init; } = [];
    public IReadOnlyList<GuardedFieldEntry> GuardedFieldHistory { get; init; } = [];
    public MappaEntry? Mappa { get; init; }
    public IReadOnlyList<MappaEntry> MappaHistory { get; init; } = [];
    public LeadAgency LeadAgency { get; init; }
    public IReadOnlyList<LeadAgencyEntry> LeadAgencyHistory { get; init; } = [];
    /// <summary>The qualifying events (R-NT1), in the order recorded; at most <see cref="MaxQualifyingEvents"/>.</summary>
    public IReadOnlyList<QualifyingEventRecord> OffenceHistory { get; init; } = [];
    /// <summary>Notifications the person made, oldest first; the most recent <see cref="MaxNotifications"/> are kept (and every first one after a release, R-NT2).</summary>
    public IReadOnlyList<NotificationEntry> Notifications { get; init; } = [];
    /// <summary>Review applications of an indefinite registrant and their decisions (R-NT2), oldest first.</summary>
    public IReadOnlyList<ReviewApplicationEntry> ReviewApplications { get; init; } = [];
    public IReadOnlyList<CivilOrderRecord> CivilOrders { get; init; } = [];
    /// <summary>The latest countersigned assessment's conclusion (R-AS10); the last of <see cref="RiskToChildrenHistory"/>.</summary>
    public RiskToChildrenRecord? RiskToChildren { get; init; }
    /// <summary>Every risk-to-children conclusion, oldest first; the most recent <see cref="MaxAssessmentHistory"/> are kept.</summary>
    public IReadOnlyList<RiskToChildrenRecord> RiskToChildrenHistory { get; init; } = [];
    /// <summary>The latest countersigned assessment of any kind: the nominal's current level (R-RM1, R-MG6).</summary>
    public AssessedLevelEntry? CurrentAssessment { get; init; }
    /// <summary>Every countersigned assessment, oldest first; the most recent <see cref="MaxAssessmentHistory"/> are kept.</summary>
    public IReadOnlyList<AssessedLevelEntry> AssessmentHistory { get; init; } = [];
    /// <summary>Every MAPPA review, oldest first; the most recent <see cref="MaxMappaReviews"/> are kept (R-MR2).</summary>
    public IReadOnlyList<MappaReviewEntry> MappaReviews { get; init; } = [];
    /// <summary>The NIM target profile flag (R-MG6); null while it was never set.</summary>
    public TargetProfileEntry? TargetProfile { get; init; }
    /// <summary>Every setting and removal of the flag, oldest first; the most recent <see cref="MaxTargetProfileHistory"/> are kept.</summary>
    public IReadOnlyList<TargetProfileEntry> TargetProfileHistory { get; init; } = [];
    /// <summary>The current countersigned plan of each kind, from the interventions feed (at most one per kind).</summary>
    public IReadOnlyList<KnownPlan> Plans { get; init; } = [];
    /// <summary>The breaches whose response was started (R-MG10), oldest first; the most recent 200 are kept.</summary>
    public IReadOnlyList<string> BreachResponses { get; init; } = [];
    public bool FlaggedForReview { get; init; }
    public string ReviewFlagReason { get; init; } = "";

    public const int MaxQualifyingEvents = 200;
    public const int MaxNotifications = 500;
    public const int MaxReviewApplications = 100;
    public const int MaxAssessmentHistory = 200;
    public const int MaxMappaReviews = 200;
    public const int MaxTargetProfileHistory = 200;

    public static readonly NominalManagement None = new();
}
