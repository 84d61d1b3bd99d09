namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// What a change to a nominal tells other services (the change feed): the kind of change, the
/// ARMS due date it set, if any, and ids and codes only (never names or victim data). Codes are
/// domain enum values; the feed writes each under the contract's original name (ChangeFeed), so
/// the domain never names the contract.
/// </summary>
public sealed record NominalFeedEvent(
    NominalEventType Type, DateOnly? ArmsDueDate = null, IReadOnlyDictionary<string, string>? Attributes = null,
    IReadOnlyDictionary<string, Enum>? Codes = null);

/// <summary>
/// A work item a change opens for the nominal's MOSOVO officer (or the unassigned queue while it
/// has none). Its summary code is a domain enum value, written under its contract namesake's
/// original name (ChangeFeed.OriginalName), as feed codes are.
/// </summary>
public sealed record WorkItemToOpen(WorkItemKind Kind, string Reference, Enum SummaryCode, bool Urgent = false);

/// <summary>
/// A nominal as changed by a domain operation, with the feed events the change raises, what it
/// does to the obligations ledger (R-MR4) and the work items it opens; all are written in the
/// change's unit of work (NominalChangeWriter).
/// </summary>
public sealed record NominalChange(
    NominalRecord Nominal, IReadOnlyList<NominalFeedEvent> Events, IReadOnlyList<LedgerEntry>? Ledger = null,
    IReadOnlyList<WorkItemToOpen>? WorkItems = null)
{
    public IReadOnlyList<LedgerEntry> LedgerEntries => Ledger ?? [];

    public IReadOnlyList<WorkItemToOpen> WorkItemsToOpen => WorkItems ?? [];

    /// <summary>This change followed by <paramref name="next"/> (made on this change's nominal): the later nominal, every effect of both.</summary>
    public NominalChange Then(Func<NominalRecord, NominalChange> next)
    {
        var after = next(Nominal);
        return new NominalChange(after.Nominal, [.. Events, .. after.Events], [.. LedgerEntries, .. after.LedgerEntries],
            [.. WorkItemsToOpen, .. after.WorkItemsToOpen]);
    }

    public void Deconstruct(out NominalRecord nominal, out IReadOnlyList<NominalFeedEvent> events)
    {
        nominal = Nominal;
        events = Events;
    }

    public static NominalChange Quiet(NominalRecord nominal) => new(nominal, []);
}
