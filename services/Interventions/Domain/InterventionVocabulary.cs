namespace OffenderRisk.Interventions.Domain;

// The interventions' vocabulary, owned by the domain. Each value has the number of its namesake
// in offenderrisk.interventions.v1 (the mapping casts; a unit test keeps the two in step).

/// <summary>Restrictive, constructive or both (R-MG9).</summary>
public enum InterventionType
{
    Unspecified = 0,
    Restrictive = 1,
    Constructive = 2,
    Both = 3,
}

/// <summary>The APP's lists of the main types of intervention (R-MG9); the catalogue gives each its type.</summary>
public enum InterventionKind
{
    Unspecified = 0,
    ApprovedPremises = 1,
    OfficeBasedSupervision = 2,
    HomeVisits = 3,
    Prosecution = 4,
    CourtOrder = 5,
    RestrictionOnAssociations = 6,
    RestrictionOnResidence = 7,
    RestrictionOnMovement = 8,
    RestrictionOnActivities = 9,
    BailOrCurfewChecks = 10,
    NotificationRequirements = 11,
    Arrest = 12,
    RecallToPrison = 13,
    TargetHardening = 14,
    OvertPoliceActivity = 15,
    Disruption = 16,
    ElectronicMonitoring = 17,
    Tagging = 18,
    SatelliteTracking = 19,
    CovertSurveillance = 20,
    ChisTasking = 21,
    Anpr = 22,
    RelapsePreventionProgramme = 23,
    ComputerMonitoring = 24,
    AccreditedProgramme = 25,
    InformationSharing = 26,
    DiversionActivities = 27,
    PsychologicalOrPsychiatricInput = 28,
    SupportAndAccountabilityGroup = 29,
}

/// <summary>The ECHR articles an intervention's lawfulness and proportionality is weighed against (R-MG8).</summary>
public enum EchrArticle
{
    Unspecified = 0,
    RightToLife = 2,
    ProhibitionOfTorture = 3,
    RightToPrivateAndFamilyLife = 8,
}

/// <summary>Where an intervention is in its life (R-MG10): planned, then active from its start date, then ended.</summary>
public enum InterventionStatus
{
    Unspecified = 0,
    Planned = 1,
    Active = 2,
    Ended = 3,
}
