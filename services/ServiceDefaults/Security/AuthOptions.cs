namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>Token validation settings: configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// A key for local development and tests only; a process outside Development refuses to start
    /// with it. Production sets <c>Auth:SigningKey</c> from a secret store.
    /// </summary>
    public const string DevelopmentSigningKey = "offenderrisk-development-signing-key-not-for-production-use";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "offenderrisk-dev";
    public string Audience { get; set; } = "offenderrisk";
}
