namespace OffenderRisk.Nominals.Domain;

/// <summary>What an obligation is for (R-MR4). Same numbers as the contract's ObligationKind.</summary>
public enum ObligationKind
{
    Unspecified = 0,
    Arms = 1,
    InitialNotification = 2,
    AnnualNotification = 3,
    MappaReview = 4,
    PlanAction = 5,
    PolicePlan = 6,
    MappaPlan = 7,
    HomeVisit = 8,
}

/// <summary>Same numbers as the contract's ObligationState.</summary>
public enum ObligationState
{
    Unspecified = 0,
    Open = 1,
    Satisfied = 2,
    Waived = 3,
}

/// <summary>
/// What a change of a nominal does to its obligations ledger (R-MR4), written by the ledger in
/// the change's unit of work. Entries never overwrite an obligation: a new trigger adds one.
/// </summary>
public abstract record LedgerEntry;

/// <summary>
/// Raises an obligation. <paramref name="TriggerKey"/> identifies the trigger within the nominal
/// (e.g. "lead-agency:{history index}"): raising the same trigger twice adds nothing.
/// <paramref name="ArisesOn"/> schedules it: until that date it is not yet an obligation (the
/// six-week rule's ARMS arises on day 42), and it can be withdrawn before then.
/// </summary>
public sealed record RaiseObligation(
    ObligationKind Kind, string Trigger, string TriggerKey, string TriggerRecord, DateOnly TriggerDate, DateOnly DueDate,
    DateOnly? ArisesOn = null) : LedgerEntry;

/// <summary>
/// Satisfies every open obligation of these kinds by the named record. With <paramref name="AsOf"/>
/// (when the record was made, e.g. an ARMS's countersigning), only those raised by then and arisen
/// on or before its date: a record cannot fulfil a duty that came after it (R-MR4), however late it
/// reaches the ledger.
/// </summary>
/// <remarks><paramref name="TriggerKeyPrefix"/>, when set, narrows it to the obligations whose trigger key starts with it (e.g. one plan action's).</remarks>
public sealed record SatisfyOpenObligations(
    IReadOnlyList<ObligationKind> Kinds, string SatisfiedBy, DateTimeOffset? AsOf = null, string? TriggerKeyPrefix = null) : LedgerEntry;

/// <summary>
/// Waives every open obligation of these kinds with a reason (R-MR4, R-AU3), as the system decided
/// it (<paramref name="WaivedBy"/> names the user whose change did): e.g. R-RM5, no visit is required
/// on reactive management; or a plan action whose due date a new plan version changed. Narrowed by
/// <paramref name="Trigger"/> (a trigger code) and <paramref name="TriggerKeyPrefix"/> when set, and
/// never touching the obligations whose trigger keys are in <paramref name="ExceptKeys"/>.
/// </summary>
public sealed record WaiveOpenObligations(
    IReadOnlyList<ObligationKind> Kinds, string Reason, string WaivedBy, string? Trigger = null, string? TriggerKeyPrefix = null,
    IReadOnlyList<string>? ExceptKeys = null) : LedgerEntry;

/// <summary>Withdraws a scheduled obligation that has not arisen yet (e.g. the sentence came before day 42).</summary>
public sealed record WithdrawScheduledObligation(string TriggerKey) : LedgerEntry;

/// <summary>
/// One obligation of the ledger (R-MR4). The force and the MOSOVO officer are the nominal's now
/// (read with the obligation, never stored on it), so a transfer or a reassignment takes it along.
/// </summary>
public sealed record ObligationRecord(
    string Id,
    string NominalId,
    string ForceCode,
    string MosovoOfficer,
    ObligationKind Kind,
    ObligationState State,
    string Trigger,
    string TriggerKey,
    string TriggerRecord,
    DateOnly TriggerDate,
    DateOnly DueDate,
    DateOnly ArisesOn,
    string SatisfiedBy,
    string WaiveReason,
    string ClosedBy,
    DateTimeOffset? CloseTime,
    DateTimeOffset CreateTime,
    long Version) : IVersioned<ObligationRecord>
{
    public string ResourceName => ObligationNames.Format(NominalId, Id);

    /// <summary>Open and past its due date on <paramref name="today"/>: it stays overdue until satisfied or waived.</summary>
    public bool IsOverdueOn(DateOnly today) => State == ObligationState.Open && DueDate < today;

    /// <summary>An obligation keeps no update time of its own: its close time says when it changed.</summary>
    public ObligationRecord Stamped(long version, DateTimeOffset time) => this with { Version = version };

    /// <summary>Satisfied by the named record. Only an open obligation can be.</summary>
    public ObligationRecord Satisfy(string satisfiedBy, string userId, DateTimeOffset now) =>
        Close(ObligationState.Satisfied, satisfiedBy, "", userId, now);

    /// <summary>Waived with a reason (R-AU3). Only an open obligation can be.</summary>
    public ObligationRecord Waive(string reason, string userId, DateTimeOffset now) =>
        Close(ObligationState.Waived, "", reason, userId, now);

    private ObligationRecord Close(ObligationState state, string satisfiedBy, string reason, string userId, DateTimeOffset now)
    {
        if (State != ObligationState.Open)
        {
            throw new RuleViolationException("R-MR4", "name", "the obligation is already satisfied or waived: a closed obligation stays as it was closed");
        }
        return this with { State = state, SatisfiedBy = satisfiedBy, WaiveReason = reason, ClosedBy = userId, CloseTime = now };
    }
}

/// <summary>Obligation names: "nominals/{id}/obligations/{obligation}".</summary>
public static class ObligationNames
{
    public const string Collection = "obligations";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, Collection, name);
}

/// <summary>The trigger codes an obligation records (UPPER_SNAKE, never personal data).</summary>
public static class ObligationTriggers
{
    public const string LeadAgencyChanged = "LEAD_AGENCY_CHANGED";
    public const string ConvictionWithoutSentence = "CONVICTION_WITHOUT_SENTENCE";
    public const string SignificantChange = "SIGNIFICANT_CHANGE";
    public const string Notification = "NOTIFICATION";
    public const string Release = "RELEASE";
    /// <summary>R-MR2, R-MG5: a MAPPA level was set (its review; at level 2 or 3, the MAPPA plan).</summary>
    public const string MappaLevelSet = "MAPPA_LEVEL_SET";
    /// <summary>R-MR2: a MAPPA review's next review.</summary>
    public const string MappaReview = "MAPPA_REVIEW";
    /// <summary>R-MG4: an open action of a countersigned plan.</summary>
    public const string PlanAction = "PLAN_ACTION";
    /// <summary>R-MG10: a breach of an intervention requires reassessment.</summary>
    public const string InterventionBreach = "INTERVENTION_BREACH";
    public const string QualifyingEvent = "QUALIFYING_EVENT";
    /// <summary>R-AS7: a countersigned assessment's next review.</summary>
    public const string AssessmentReview = "ASSESSMENT_REVIEW";
    /// <summary>R-MR4: a completed home visit's next visit.</summary>
    public const string HomeVisit = "HOME_VISIT";
    /// <summary>R-MG3, R-MR4: management became active (the next visit, and a MAPPA-eligible nominal's police plan).</summary>
    public const string Managed = "MANAGED";
}
