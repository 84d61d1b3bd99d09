namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>A record about a nominal, owned by the force that made it.</summary>
public interface INominalRecord : IForceOwned
{
    string Id { get; }

    string NominalId { get; }
}
