namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// Anything that keeps rows about a nominal (intelligence, work items, victims, search keys...)
/// registers one of these, so that erasing a nominal (R-AU1) removes all of it in the same
/// transaction as the erasure's audit entry.
/// </summary>
public interface IErasureParticipant
{
    Task EraseAsync(Session session, string nominalId);
}
