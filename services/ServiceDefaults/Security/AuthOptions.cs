using Microsoft.Extensions.Hosting;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// Token validation settings: configuration section <c>Auth</c>. Two audiences (README "Identity"):
/// people's tokens for <see cref="Audience"/>, from the identity provider in Production (verified
/// against its published keys, <see cref="Authority"/>), and the suite's own service-to-service
/// tokens for <see cref="ServiceAudience"/>, signed in Production by each service's own key
/// (<see cref="ServiceSigningKey"/>, verified against <see cref="ServicePublicKeys"/>) and in
/// Development and Testing with the symmetric <see cref="SigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// A key for local development only; a process outside Development refuses to start with it.
    /// Testing sets its own <c>Auth:SigningKey</c>; other environments use no symmetric key.
    /// </summary>
    public const string DevelopmentSigningKey = "offenderrisk-development-signing-key-not-for-production-use";

    /// <summary>The shortest signing key accepted, in bytes of UTF-8 (HMAC-SHA256 wants at least its output size).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The fewest distinct characters a signing key may have ("aaaa…" is no secret).</summary>
    public const int MinimumDistinctKeyCharacters = 10;

    /// <summary>
    /// HMAC-SHA256 key, at least 32 bytes of UTF-8 with no white space, for Development and Testing
    /// only: there it signs and verifies the services' own tokens (<see cref="ServiceAudience"/>)
    /// and people's. Elsewhere it must not be set (<see cref="Problem"/>).
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// Outside Development and Testing: this service's own ECDSA P-256 private key (PEM, from a
    /// Secret), which signs its service tokens (ES256). The gateway mints none and has none.
    /// </summary>
    public string ServiceSigningKey { get; set; } = "";

    /// <summary>
    /// The key id (<c>kid</c>) of <see cref="ServiceSigningKey"/>: the service's name (the default),
    /// or the name, a dot and a label (<c>nominals.2026-12</c>) so that a new key can be published
    /// before it signs (<see cref="ServiceKeys"/>).
    /// </summary>
    public string ServiceKeyId { get; set; } = "";

    /// <summary>
    /// Outside Development and Testing: every service's published ECDSA P-256 public key (PEM) by
    /// key id (<c>Auth:ServicePublicKeys:&lt;kid&gt;</c>), one or more per service. A service token
    /// is accepted only when one of them verifies it and its subject is that key's service.
    /// </summary>
    public Dictionary<string, string> ServicePublicKeys { get; set; } = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Development and Testing sign and verify with the symmetric key (people's tokens and service
    /// tokens); every other environment with asymmetric keys only (the identity provider's, the services' own).
    /// </summary>
    public static bool UsesSymmetricKey(string environment) =>
        IsEnvironment(environment, Environments.Development) || IsEnvironment(environment, "Testing");

    private static bool IsEnvironment(string environment, string name) => string.Equals(environment, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why this configuration must not start in <paramref name="environment"/> (its name), or null
    /// when it may. In Development and Testing: a weak or missing signing key, the development key
    /// outside Development, or service key pairs (those environments keep the symmetric key). Elsewhere:
    /// no identity provider for people's tokens, a symmetric key set at all (it would be a key able
    /// to sign for anyone; nothing there verifies with it), or service keys that
    /// <see cref="ServiceKeys.Problem"/> refuses for <paramref name="serviceName"/> (null: a process
    /// that mints no service tokens, the gateway).
    /// </summary>
    public string? Problem(string environment, string? serviceName = null)
    {
        if (UsesSymmetricKey(environment))
        {
            if (KeyProblem(SigningKey) is { } weak)
            {
                return weak;
            }
            if (SigningKey == DevelopmentSigningKey && !IsEnvironment(environment, Environments.Development))
            {
                return "Auth:SigningKey is the development key, which is only accepted in the Development environment.";
            }
            if (ServiceSigningKey.Length > 0 || ServicePublicKeys.Count > 0)
            {
                return $"Auth:ServiceSigningKey and Auth:ServicePublicKeys are not used in {environment}: service tokens are signed there with Auth:SigningKey.";
            }
        }
        else
        {
            if (!UsesIdentityProvider)
            {
                return $"Auth:Authority (or Auth:MetadataAddress) must name the identity provider in {environment}: " +
                    "people's tokens are verified against its published keys there, never against the symmetric Auth:SigningKey.";
            }
            if (SigningKey.Length > 0)
            {
                return $"Auth:SigningKey must not be set in {environment}: service tokens are signed there with each service's own key " +
                    "(Auth:ServiceSigningKey) and a symmetric token is refused; remove the setting and its Secret.";
            }
            if (ServiceKeys.Problem(this, environment, serviceName) is { } keys)
            {
                return keys;
            }
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
