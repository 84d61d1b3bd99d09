namespace OffenderRisk.IdentityChecks.Domain;

// The identity checks' vocabulary, owned by the domain. Each value has the name and number of its
// namesake in offenderrisk.identity.v1 (and ManagementStatus in offenderrisk.nominals.v1): storage
// keeps the numbers, the mapping at the edges (Grpc/, Nominals/) casts, and a unit test keeps each
// pair in step, so the rules never depend on the generated contract.

/// <summary>The national agencies this service asks (R-IC1 to R-IC5).</summary>
public enum Agency
{
    Unspecified = 0,
    Pnc = 1,
    Pnd = 2,
    Dvla = 3,
    Hmpo = 4,
}

/// <summary>The recorded ground a DVLA or HMPO enquiry or a marker request needs (R-IC1).</summary>
public enum EnquiryGround
{
    Unspecified = 0,
    OverseasTravelLikelyToOffend = 1,
    OverseasTravelOccupation = 2,
    OverseasTravelHubAirportOnly = 3,
    OverseasTravelRegular = 4,
    VulnerablePersonsVocation = 5,
    PreviousIdentityFraud = 6,
}

/// <summary>Where a marker request's delivery stands (R-IC5).</summary>
public enum MarkerRequestState
{
    Unspecified = 0,
    Pending = 1,
    Delivered = 2,
    Rejected = 3,
}

/// <summary>What a credential check found new (R-IC2, R-IC4).</summary>
public enum DiscrepancyKind
{
    Unspecified = 0,
    NewName = 1,
    NewDrivingLicenceNumber = 2,
    NewPassportNumber = 3,
    PncNameChange = 4,
}

/// <summary>Whether the MOSOVO officer is owed, or has been given, a work item for a credential check (R-IC2).</summary>
public enum NotificationState
{
    Unspecified = 0,
    NotNeeded = 1,
    Pending = 2,
    Delivered = 3,
    Rejected = 4,
}

/// <summary>The checks of a yearly set, in the APP's order (R-RM5).</summary>
public enum ScheduledCheckKind
{
    Unspecified = 0,
    Pnd = 1,
    Pnc = 2,
    Wicu = 3,
    Nca = 4,
    InterpolNotices = 5,
    Visor = 6,
    LocalIntelligence = 7,
    AgencyChecks = 8,
}

/// <summary>Where a yearly check set is in its life (R-RM5).</summary>
public enum CheckSetState
{
    Unspecified = 0,
    Scheduled = 1,
    InProgress = 2,
    Complete = 3,
    Cancelled = 4,
}

/// <summary>Where one check of a set stands.</summary>
public enum ScheduledCheckState
{
    Unspecified = 0,
    Pending = 1,
    ManualTaskOpen = 2,
    Done = 3,
}

/// <summary>How the nominals service manages a nominal; scheduled checks are for REACTIVE ones (R-RM5).</summary>
public enum ManagementStatus
{
    Unspecified = 0,
    Pending = 1,
    Active = 2,
    Reactive = 3,
    Ended = 4,
}
