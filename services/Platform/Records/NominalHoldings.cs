using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// What a service keeps about nominals follows the nominal: erased with it (R-AU1) and moved to
/// the receiving force when it is transferred. Both run in the caller's unit of work and are
/// idempotent (a second run finds nothing left to change).
/// </summary>
public interface INominalHoldings
{
    /// <summary>Deletes every row this holding keeps about the nominal, in any force; returns how many.</summary>
    Task<int> EraseNominalAsync(Session session, string nominalId);

    /// <summary>Gives every row this holding keeps about the nominal to <paramref name="force"/>; returns how many moved.</summary>
    Task<int> MoveNominalAsync(Session session, string nominalId, string force);
}
