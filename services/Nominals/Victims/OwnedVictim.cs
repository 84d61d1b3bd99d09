using OffenderRisk.Nominals.Storage;

namespace OffenderRisk.Nominals.Victims;

/// <summary>
/// A victim with its owning force, which is its nominal's (not stored with the victim, so a victim
/// follows its nominal on a transfer): what the record access path scopes victims by.
/// </summary>
public sealed record OwnedVictim(VictimRecord Victim, string ForceCode) : IVersioned<OwnedVictim>
{
    public string ResourceName => Victim.ResourceName;

    public long Version => Victim.Version;

    public OwnedVictim Stamped(long version, DateTimeOffset time) => this with { Victim = Victim with { Version = version, UpdateTime = time } };
}

/// <summary>A nominal's victims read and written with the nominal's force (R-VI2: the nominal is read only for its force).</summary>
internal sealed class VictimReader(VictimStore victims, NominalStore nominals, string nominalId) : IRecordStore<OwnedVictim>
{
    public async Task<OwnedVictim?> FindAsync(Session session, string id)
    {
        var nominal = await nominals.FindAsync(session, nominalId);
        var victim = nominal is null ? null : await victims.FindVictimAsync(session, nominalId, id);
        return victim is null ? null : new OwnedVictim(victim, nominal!.ForceCode);
    }

    public Task<bool> UpdateAsync(Session session, OwnedVictim updated, long expectedVersion) =>
        victims.UpdateVictimAsync(session, updated.Victim, expectedVersion);
}
