using Microsoft.Extensions.Hosting;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// Token validation settings: configuration section <c>Auth</c>. Two audiences (README "Identity"):
/// people's tokens for <see cref="Audience"/>, from the identity provider in Production (verified
/// against its published keys, <see cref="Authority"/>), and the suite's own service-to-service
/// tokens for <see cref="ServiceAudience"/>, signed with <see cref="SigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// A key for local development only; a process outside Development refuses to start with it.
    /// Other environments set <c>Auth:SigningKey</c> from a secret store.
    /// </summary>
    public const string DevelopmentSigningKey = "offenderrisk-development-signing-key-not-for-production-use";

    /// <summary>The shortest signing key accepted, in bytes of UTF-8 (HMAC-SHA256 wants at least its output size).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The fewest distinct characters a signing key may have ("aaaa…" is no secret).</summary>
    public const int MinimumDistinctKeyCharacters = 10;

    /// <summary>
    /// HMAC-SHA256 key, at least 32 bytes of UTF-8 with no white space. It signs and verifies the
    /// services' own tokens (<see cref="ServiceAudience"/>) in every environment, and people's
    /// tokens in Development and Testing only.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The issuer of people's tokens: the identity provider's issuer in Production (checked against its discovery document).</summary>
    public string Issuer { get; set; } = "offenderrisk-dev";

    /// <summary>The audience of people's tokens (the public API).</summary>
    public string Audience { get; set; } = "offenderrisk";

    /// <summary>The issuer of service-to-service tokens (minted by the services themselves).</summary>
    public string ServiceIssuer { get; set; } = "offenderrisk-services";

    /// <summary>The audience of service-to-service tokens: only the role <see cref="Roles.Service"/>, never a person's role.</summary>
    public string ServiceAudience { get; set; } = "offenderrisk-services";

    /// <summary>
    /// The identity provider (its issuer URL): people's tokens are verified against the keys it
    /// publishes (OpenID discovery, then its JWKS, fetched and refreshed by JwtBearer). Required in
    /// Production; HTTPS unless the address is loopback.
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>The discovery document's address when it is not <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string MetadataAddress { get; set; } = "";

    /// <summary>Whether people's tokens are verified against an identity provider's published keys.</summary>
    public bool UsesIdentityProvider => Authority.Length > 0 || MetadataAddress.Length > 0;

    /// <summary>Development and Testing accept people's tokens signed with the symmetric key; no other environment does.</summary>
    public static bool AcceptsSymmetricUserTokens(string environment) =>
        IsEnvironment(environment, Environments.Development) || IsEnvironment(environment, "Testing");

    private static bool IsEnvironment(string environment, string name) => string.Equals(environment, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why this configuration must not start in <paramref name="environment"/> (its name), or null when it may:
    /// a weak or missing signing key (it is used in every environment, for service tokens), the
    /// development key outside Development, or people's tokens with no identity provider outside
    /// Development and Testing (a symmetric key alone never verifies them there).
    /// </summary>
    public string? Problem(string environment)
    {
        if (KeyProblem(SigningKey) is { } weak)
        {
            return weak;
        }
        if (SigningKey == DevelopmentSigningKey && !IsEnvironment(environment, Environments.Development))
        {
            return "Auth:SigningKey is the development key, which is only accepted in the Development environment.";
        }
        if (!AcceptsSymmetricUserTokens(environment) && !UsesIdentityProvider)
        {
            return $"Auth:Authority (or Auth:MetadataAddress) must name the identity provider in {environment}: " +
                "people's tokens are verified against its published keys there, never against the symmetric Auth:SigningKey.";
        }
        if (Audience == ServiceAudience)
        {
            return "Auth:Audience and Auth:ServiceAudience must differ: a person's token must not be accepted as a service's.";
        }
        return null;
    }

    /// <summary>Why <paramref name="key"/> is too weak to sign with, or null: missing, shorter than 32 bytes, white space, or too few distinct characters.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "Auth:SigningKey must be set (the development key is only accepted in the Development environment).";
        }
        if (System.Text.Encoding.UTF8.GetByteCount(key) < MinimumSigningKeyBytes || key.Any(char.IsWhiteSpace)
            || key.Distinct().Count() < MinimumDistinctKeyCharacters)
        {
            return $"Auth:SigningKey must be at least {MinimumSigningKeyBytes} bytes, with no white space and at least " +
                $"{MinimumDistinctKeyCharacters} different characters (e.g. 48 random bytes in base64).";
        }
        return null;
    }
}
