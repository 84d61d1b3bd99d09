namespace OffenderRisk.Interventions.Domain;

// The plans' vocabulary, owned by the domain. Each value has the number of its namesake in
// offenderrisk.interventions.v1 (the mapping casts; a unit test keeps the two in step).

/// <summary>The two series of plans a nominal may have (R-MG3, R-MG5).</summary>
public enum PlanKind
{
    Unspecified = 0,
    /// <summary>The lead-agency plan where police lead (R-MG3).</summary>
    Police = 1,
    /// <summary>At MAPPA level 2 or 3, in addition to the police plan (R-MG5).</summary>
    Mappa = 2,
}

/// <summary>Where a plan version stands in the countersigning lifecycle (R-MG4, R-MR1).</summary>
public enum PlanState
{
    Unspecified = 0,
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Countersigned = 4,
}

/// <summary>The four headings of MAPPA guidance an action is grouped under (R-MG4, R-VI1).</summary>
public enum ActionHeading
{
    Unspecified = 0,
    Supervision = 1,
    MonitoringAndControl = 2,
    InterventionsAndTreatment = 3,
    VictimSafetyPlanning = 4,
}
