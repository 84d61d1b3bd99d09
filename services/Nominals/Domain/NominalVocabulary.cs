namespace OffenderRisk.Nominals.Domain;

// The nominals' vocabulary, owned by the domain. Each value has the name and number of its namesake
// in offenderrisk.nominals.v1: storage keeps the numbers, the mapping at the edges (Grpc/, Victims/,
// the change feed) casts, and a unit test (NominalVocabularyTests) keeps each pair in step, so the
// rules never depend on the generated contract.

public enum ManagementStatus
{
    Unspecified = 0,
    /// <summary>
    /// Recorded but not yet under management.
    /// </summary>
    Pending = 1,
    Active = 2,
    /// <summary>
    /// Reactive management (R-RM1 to R-RM7).
    /// </summary>
    Reactive = 3,
    /// <summary>
    /// Management ended; the reason is kept.
    /// </summary>
    Ended = 4,
}

/// <summary>
/// Why the unit manages the person.
/// </summary>
public enum NominalCategory
{
    Unspecified = 0,
    /// <summary>
    /// Registered sexual offender (subject to notification, SOA 2003 Part 2).
    /// </summary>
    RegisteredSexualOffender = 1,
    ViolentOffender = 2,
    /// <summary>
    /// Potentially dangerous person: may have no conviction (R-MG2).
    /// </summary>
    PotentiallyDangerousPerson = 3,
}

public enum LeadAgency
{
    Unspecified = 0,
    Police = 1,
    /// <summary>
    /// HMPPS probation.
    /// </summary>
    Probation = 2,
    Prison = 3,
}

public enum Disposal
{
    Unspecified = 0,
    /// <summary>
    /// Custody; custody_months says how long.
    /// </summary>
    Custody = 1,
    Caution = 2,
    /// <summary>
    /// Any other disposal (community order, conditional discharge, ...).
    /// </summary>
    Other = 3,
    CommunityOrder = 4,
    ConditionalDischarge = 5,
    HospitalOrderWithRestriction = 6,
    HospitalOrder = 7,
    LifeOrIndeterminate = 8,
}

public enum CivilOrderType
{
    Unspecified = 0,
    /// <summary>
    /// Sexual harm prevention order.
    /// </summary>
    Shpo = 1,
    /// <summary>
    /// Sexual risk order.
    /// </summary>
    Sro = 2,
    Other = 3,
}

public enum RiskToChildrenConclusion
{
    Unspecified = 0,
    PosesRisk = 1,
    NoIdentifiedRisk = 2,
}

/// <summary>What a countersigned assessment was (R-AS2); the numbers of offenderrisk.assessments.v1.AssessmentKind.</summary>
public enum AssessmentKind
{
    Unspecified = 0,
    /// <summary>A police ARMS: only a countersigned one satisfies an ARMS obligation (R-AS5).</summary>
    Arms = 1,
    RiskOfSeriousHarm = 2,
}

/// <summary>A level of risk of serious harm; the numbers of offenderrisk.common.v1.RiskLevel.</summary>
public enum RiskLevel
{
    Unspecified = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

public enum Gender
{
    Unspecified = 0,
    Male = 1,
    Female = 2,
    Other = 3,
    Unknown = 4,
}

/// <summary>
/// What happened to a nominal that other services react to.
/// </summary>
public enum NominalEventType
{
    Unspecified = 0,
    /// <summary>
    /// The lead agency changed: a police ARMS is due within 15 working days (R-AS5).
    /// </summary>
    LeadAgencyChanged = 1,
    /// <summary>
    /// More than six weeks between conviction and sentencing: an ARMS is required (R-AS5).
    /// </summary>
    ConvictionSentenceGap = 2,
    MappaLevelChanged = 3,
    /// <summary>
    /// Information assessed as a significant change: an ARMS review is due (R-RM6).
    /// </summary>
    SignificantChange = 4,
    /// <summary>
    /// Non-cooperation was recorded (R-MG7).
    /// </summary>
    NonCooperation = 5,
    CivilOrderAdded = 6,
    Erased = 7,
    StatusChanged = 8,
    QualifyingEventRecorded = 9,
    CategoryChanged = 10,
    Transferred = 11,
    ObligationRaised = 12,
    /// <summary>
    /// A MAPPA review was recorded (R-MR2).
    /// </summary>
    MappaReviewRecorded = 13,
}

public enum TransferState
{
    Unspecified = 0,
    Pending = 1,
    Accepted = 2,
    /// <summary>Withdrawn by the sending force before the receiving force accepted it.</summary>
    Cancelled = 3,
    /// <summary>Declined by the receiving force.</summary>
    Rejected = 4,
}

/// <summary>
/// Where intelligence came from (R-ID4).
/// </summary>
public enum IntelligenceSource
{
    Unspecified = 0,
    PoliceIntelligence = 1,
    /// <summary>
    /// Police National Computer.
    /// </summary>
    Pnc = 2,
    /// <summary>
    /// Police National Database.
    /// </summary>
    Pnd = 3,
    Visor = 4,
    PreviousInterview = 5,
    Victim = 6,
    HomeVisit = 7,
    /// <summary>
    /// Another agency; other_agency says which (housing, local authority, mental health...).
    /// </summary>
    OtherAgency = 8,
    PreSentenceReport = 9,
    PrisonIntelligence = 10,
    PostProgrammeReport = 11,
    /// <summary>
    /// A regional risk or intelligence tool.
    /// </summary>
    RegionalTool = 12,
}

/// <summary>
/// Whether information is a significant change: one likely to alter the assessment or the plan
/// (R-RM6).
/// </summary>
public enum ChangeSignificance
{
    Unspecified = 0,
    Significant = 1,
    NotSignificant = 2,
}

/// <summary>
/// What the assessing officer decided to do about intelligence (R-RM6).
/// </summary>
public enum AssessmentAction
{
    Unspecified = 0,
    PhoneCall = 1,
    HomeVisitAnnounced = 2,
    HomeVisitUnannounced = 3,
    /// <summary>
    /// Enquiries with other agencies.
    /// </summary>
    AgencyEnquiries = 4,
    FurtherInvestigation = 5,
    /// <summary>
    /// Nothing further; only for a change that is not significant, and then alone.
    /// </summary>
    NoAction = 6,
}

/// <summary>
/// Where intelligence was routed (R-ID2).
/// </summary>
public enum IntelligenceRouting
{
    Unspecified = 0,
    /// <summary>
    /// To the nominal's MOSOVO officer.
    /// </summary>
    Officer = 1,
    /// <summary>
    /// The nominal has no MOSOVO officer yet: to the owning force's unassigned queue.
    /// </summary>
    UnassignedQueue = 2,
    /// <summary>
    /// Recorded by another force: passed to the owning force. Whether the nominal has an officer is
    /// the owning force's business, so the answer does not say.
    /// </summary>
    OwningForce = 3,
}

/// <summary>
/// How the nominal failed to cooperate (R-MG7).
/// </summary>
public enum NonCooperationKind
{
    Unspecified = 0,
    RefusedEntry = 1,
    RefusedToAnswer = 2,
    MissedAppointment = 3,
    Other = 4,
}

/// <summary>
/// Why a work item exists.
/// </summary>
public enum WorkItemKind
{
    Unspecified = 0,
    /// <summary>
    /// Intelligence was recorded (R-ID2, R-ID3); reference names it.
    /// </summary>
    Intelligence = 1,
    /// <summary>
    /// Non-cooperation was recorded (R-MG7); reference names it.
    /// </summary>
    NonCooperation = 2,
    /// <summary>
    /// A significant change needs reviewing (R-RM6).
    /// </summary>
    SignificantChangeReview = 3,
    /// <summary>
    /// Agency records disagree about the nominal's identity (raised by identity checks).
    /// </summary>
    IdentityDiscrepancy = 4,
    /// <summary>
    /// A reactive nominal was returned to active management (R-RM4); reference names the record that triggered it.
    /// </summary>
    ReturnedToActive = 5,
    /// <summary>
    /// An intervention was breached (R-MG10); reference names the breach.
    /// </summary>
    InterventionBreach = 6,
}

/// <summary>A risk management plan's kind (R-MG3, R-MG5); the numbers of offenderrisk.interventions.v1.PlanKind.</summary>
public enum PlanKind
{
    Unspecified = 0,
    /// <summary>The police plan: the lead-agency plan where police lead (R-MG3).</summary>
    Police = 1,
    /// <summary>The MAPPA plan, at MAPPA level 2 or 3 (R-MG5).</summary>
    Mappa = 2,
}

public enum WorkItemState
{
    Unspecified = 0,
    Open = 1,
    Acknowledged = 2,
    Closed = 3,
}

/// <summary>
/// Which queue a work item is in.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named as its contract namesake, offenderrisk.nominals.v1.WorkQueue.")]
public enum WorkQueue
{
    Unspecified = 0,
    /// <summary>
    /// One officer's own queue: assignee names them.
    /// </summary>
    Officer = 1,
    /// <summary>
    /// The owning force's supervisors (R-ID3): assignee_role is "supervisor".
    /// </summary>
    Supervisors = 2,
    /// <summary>
    /// The owning force's MOSOVO unit, for a nominal with no officer yet: assignee is empty.
    /// </summary>
    Unassigned = 3,
}

/// <summary>Where a home visit stands (R-AS9, R-MG7). Same numbers as the contract's HomeVisitState.</summary>
public enum HomeVisitState
{
    Unspecified = 0,
    Planned = 1,
    Completed = 2,
    /// <summary>
    /// The nominal refused entry (R-MG7).
    /// </summary>
    RefusedEntry = 3,
    /// <summary>
    /// Nobody answered; the visit did not take place.
    /// </summary>
    NoAccess = 4,
    Cancelled = 5,
}

/// <summary>What caused a status change (R-RM4 return triggers among them).</summary>
public enum StatusChangeTrigger
{
    Unspecified = 0,
    User = 1,
    NewSexualOrder = 2,
    DischargeRefused = 3,
    LeadAgencyProbationOrPrison = 4,
    FurtherSexualOffence = 5,
    Transfer = 6,
}

/// <summary>A criterion of a reactive management decision (R-RM1, R-RM3).</summary>
public enum ReactiveCriterion
{
    Unspecified = 0,
    RegisteredSexualOffender = 1,
    PoliceLead = 2,
    LowThroughout = 3,
    NoFurtherOffenceOrConcern = 4,
    CurrentArmsLow = 5,
    NoSexualCivilOrder = 6,
    ProfessionalJudgement = 7,
}

/// <summary>Where a reactive management decision stands (R-RM4).</summary>
public enum ReactiveDecisionState
{
    Unspecified = 0,
    /// <summary>Every criterion passed; waiting for a supervisor.</summary>
    Proposed = 1,
    /// <summary>A criterion failed when proposed.</summary>
    Refused = 2,
    Approved = 3,
    Rejected = 4,
}

/// <summary>Another assessment a professional judgement considered (R-RM3).</summary>
public enum ConsideredAssessmentKind
{
    Unspecified = 0,
    Psr = 1,
    Srp = 2,
    Asset = 3,
    Psychological = 4,
}

/// <summary>A conviction, a finding or a caution (SOA 2003 s.80, s.82(6)).</summary>
public enum QualifyingEventKind
{
    Unspecified = 0,
    Conviction = 1,
    Finding = 2,
    Caution = 3,
}

public enum OffenceClass
{
    Unspecified = 0,
    Sexual = 1,
    Violent = 2,
    Other = 3,
}

public enum NotificationKind
{
    Unspecified = 0,
    Initial = 1,
    Annual = 2,
    ChangeOfDetails = 3,
    Travel = 4,
}

public enum ReviewDecision
{
    Unspecified = 0,
    Discharged = 1,
    Refused = 2,
}
