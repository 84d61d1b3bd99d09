namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// The force an agency call is made for, which the call is charged to (R-IC3: each force has its
/// own share of every agency's limit, <see cref="AgencyRateLimitOptions.ForcePermitLimit"/>). The
/// two places that call agencies set it around the call: the enquiry runner (the nominal's force)
/// and the marker outbox worker (the marker's force). A call made outside such a scope is refused
/// before it leaves, so no code path can spend the agencies' budget without naming a force.
/// </summary>
public static class AgencyBudget
{
    private static readonly AsyncLocal<string?> Charged = new();

    /// <summary>Charges the agency calls made in this flow, until disposed, to <paramref name="forceCode"/>.</summary>
    public static IDisposable ChargeTo(string forceCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forceCode);
        var previous = Charged.Value;
        Charged.Value = forceCode;
        return new Scope(previous);
    }

    /// <summary>The force the current call is charged to.</summary>
    internal static string CurrentForce =>
        Charged.Value ?? throw new InvalidOperationException("An agency call was made without a force to charge it to (AgencyBudget.ChargeTo).");

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Charged.Value = previous;
    }
}
