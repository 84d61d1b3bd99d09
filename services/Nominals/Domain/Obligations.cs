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

/// <summary>Satisfies every open obligation of these kinds by the named record.</summary>
public sealed record SatisfyOpenObligations(IReadOnlyList<ObligationKind> Kinds, string SatisfiedBy) : LedgerEntry;

/// <summary>Withdraws a scheduled obligation that has not arisen yet (e.g. the sentence came before day 42).</summary>
public sealed record WithdrawScheduledObligation(string TriggerKey) : LedgerEntry;
