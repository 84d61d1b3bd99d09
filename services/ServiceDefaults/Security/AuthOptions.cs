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

    /// <summary>The shortest signing key accepted, in bytes of UTF-8 (HMAC-SHA256 wants at least its output size).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// Why this configuration must not start, or null when it may: no key, a key shorter than 32
    /// bytes or with white space at its ends, or the development key outside Development.
    /// </summary>
    public string? Problem(bool isDevelopment)
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            return "Auth:SigningKey must be set (the development key is only accepted in the Development environment).";
        }
        if (System.Text.Encoding.UTF8.GetByteCount(SigningKey) < MinimumSigningKeyBytes || SigningKey.Trim().Length != SigningKey.Length)
        {
            return $"Auth:SigningKey must be at least {MinimumSigningKeyBytes} bytes with no white space at either end.";
        }
        return SigningKey == DevelopmentSigningKey && !isDevelopment
            ? "Auth:SigningKey is the development key, which is only accepted in the Development environment."
            : null;
    }
    public string Issuer { get; set; } = "offenderrisk-dev";
    public string Audience { get; set; } = "offenderrisk";
}
