namespace OffenderRisk.Assessments.Domain;

// The assessment's vocabulary, owned by the domain. Each value has the number of its namesake
// in offenderrisk.assessments.v1 (the mapping casts; a unit test keeps the two in step), so the
// rules never depend on the generated contract. Zero is "not given", which validation refuses.

/// <summary>What an assessment is (R-AS2): a police ARMS, or a risk of serious harm assessment without ARMS.</summary>
public enum AssessmentKind
{
    Unspecified = 0,
    Arms = 1,
    RiskOfSeriousHarm = 2,
}

/// <summary>A level of risk of serious harm.</summary>
public enum RiskLevel
{
    Unspecified = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

/// <summary>Who may be harmed (R-AS1).</summary>
public enum AffectedGroup
{
    Unspecified = 0,
    Children = 1,
    KnownAdults = 2,
    Public = 3,
    Staff = 4,
}

/// <summary>The APP's static risk factors (R-AS4).</summary>
public enum StaticRiskFactor
{
    Unspecified = 0,
    PreviousCriminality = 1,
    PreviousConvictions = 2,
    PreviousPhysicalAssault = 3,
    PreviousSexualAssault = 4,
    PreviousChildAbuse = 5,
    PreviousDomesticAbuse = 6,
    EscalatingSeverityOrFrequency = 7,
    NoStableIntimateRelationship = 8,
}

/// <summary>The APP's dynamic risk factors (R-AS4).</summary>
public enum DynamicRiskFactor
{
    Unspecified = 0,
    SexualInterests = 1,
    DistortedAttitudes = 2,
    ManagementOfRelationships = 3,
    ManagementOfSelf = 4,
    Employment = 5,
    HostilityAndAggression = 6,
    LackOfSelfControl = 7,
    Dishonesty = 8,
    SubstanceMisuse = 9,
    MentalIllHealth = 10,
    Weapons = 11,
    GroomingBehaviour = 12,
    AccessToVictims = 13,
}

/// <summary>Where an assessment is in its life (R-AS8).</summary>
public enum AssessmentState
{
    Unspecified = 0,
    Draft = 1,
    Countersigned = 2,
    Submitted = 3,
    Returned = 4,
}

/// <summary>The risk-to-children conclusion (R-AS10).</summary>
public enum RiskToChildrenConclusion
{
    Unspecified = 0,
    PosesRisk = 1,
    NoIdentifiedRisk = 2,
}
/// <summary>Who an assessment's outcome is shared with (R-AS6).</summary>
public enum RecipientAgency
{
    Unspecified = 0,
    Probation = 1,
    Prison = 2,
    ChildrensSocialCare = 3,
    AdultSocialCare = 4,
    Health = 5,
    Housing = 6,
    Education = 7,
    YouthJustice = 8,
    OtherPoliceForce = 9,
    Other = 10,
}
