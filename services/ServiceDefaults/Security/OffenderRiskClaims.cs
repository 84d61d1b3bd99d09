namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>Claim names in OffenderRisk tokens.</summary>
public static class OffenderRiskClaims
{
    /// <summary>The user's id, e.g. a warrant or staff number. Never a personal name.</summary>
    public const string Subject = "sub";
    /// <summary>The user's force code, e.g. "XA" (fictional forces in tests).</summary>
    public const string Force = "force";
    /// <summary>One claim per role.</summary>
    public const string Role = "role";
}
