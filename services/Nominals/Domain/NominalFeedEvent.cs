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
/// A nominal as changed by a domain operation, with the feed events the change raises and what it
/// does to the obligations ledger (R-MR4); all are written in the change's unit of work.
/// </summary>
public sealed record NominalChange(NominalRecord Nominal, IReadOnlyList<NominalFeedEvent> Events, IReadOnlyList<LedgerEntry>? Ledger = null)
{
    public IReadOnlyList<LedgerEntry> LedgerEntries => Ledger ?? [];

    public void Deconstruct(out NominalRecord nominal, out IReadOnlyList<NominalFeedEvent> events)
    {
        nominal = Nominal;
        events = Events;
    }

    public static NominalChange Quiet(NominalRecord nominal) => new(nominal, []);
}
