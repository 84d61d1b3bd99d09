using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// The services' own key pairs, which sign and verify service-to-service tokens outside
/// Development and Testing (README "Identity"). Each service signs with its own ECDSA P-256
/// private key (<see cref="AuthOptions.ServiceSigningKey"/>, ES256); the token's <c>kid</c>
/// (<see cref="AuthOptions.ServiceKeyId"/>) names the service: <c>nominals</c>, or
/// <c>nominals.2026-12</c> when keys are rotated. Every service and the gateway verify service
/// tokens against the published keys (<see cref="AuthOptions.ServicePublicKeys"/>, one or more per
/// service), and accept one only when its subject is the principal (<c>svc:&lt;service&gt;</c>) of
/// the service the verifying key belongs to: holding one service's key never mints another's
/// identity, and no key held by every service exists.
/// </summary>
public sealed partial class ServiceKeys
{
    /// <summary>A service's principal is <c>svc:</c> and its name, e.g. <c>svc:assessments</c>.</summary>
    public const string PrincipalPrefix = "svc:";

    private ServiceKeys(IReadOnlyDictionary<string, ECDsaSecurityKey> publicKeys) => PublicKeys = publicKeys;

    /// <summary>The verifying keys by key id (each key's <see cref="SecurityKey.KeyId"/> is its id).</summary>
    public IReadOnlyDictionary<string, ECDsaSecurityKey> PublicKeys { get; }

    /// <summary>The principal (token subject) of <paramref name="service"/>, e.g. <c>svc:nominals</c>.</summary>
    public static string Principal(string service) => PrincipalPrefix + service;

    /// <summary>
    /// Whether <paramref name="keyId"/> is a service key id: the service's name (lower case
    /// letters, digits and hyphens), optionally a dot and a label for rotation (e.g. a date).
    /// Lower case only, as configuration keys compare without case and token key ids with it.
    /// </summary>
    public static bool IsKeyId(string keyId) => KeyIdPattern().IsMatch(keyId);

    /// <summary>The service a key id belongs to: the id up to its first dot.</summary>
    public static string ServiceOf(string keyId) => keyId.Split('.', 2)[0];

    /// <summary>
    /// The service whose published key verified <paramref name="token"/>'s signature, or null when
    /// it was verified with another key (the identity provider's, say) or not with one of these.
    /// The key that verified it, not the token's claims, decides.
    /// </summary>
    public string? ServiceThatSigned(JsonWebToken token) =>
        token.SigningKey is ECDsaSecurityKey key && key.KeyId is { } id
        && PublicKeys.TryGetValue(id, out var published) && ReferenceEquals(published, key)
            ? ServiceOf(id)
            : null;

    /// <summary>
    /// Why these settings must not start a process, or null when they may (outside Development
    /// and Testing). Every process needs at least one published key, each a valid id and a P-256
    /// public key (never a private one: they are shared with every process). A service
    /// (<paramref name="serviceName"/>) also needs its own private key, a key id of its own, and
    /// that id's published key matching it; the gateway (null) mints nothing and must hold no
    /// private key. Messages name the setting, never the key.
    /// </summary>
    public static string? Problem(AuthOptions options, string environment, string? serviceName)
    {
        if (options.ServicePublicKeys.Count == 0)
        {
            return $"Auth:ServicePublicKeys must hold every service's public key (Auth:ServicePublicKeys:<key id> = PEM) in {environment}: " +
                "service tokens are verified against them there.";
        }
        foreach (var (keyId, pem) in options.ServicePublicKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!IsKeyId(keyId))
            {
                return $"Auth:ServicePublicKeys:{Printable(keyId)}: a key id is the service's name in lower case, optionally followed by '.' and a label (e.g. nominals.2026-12).";
            }
            using var key = Import(pem, $"Auth:ServicePublicKeys:{keyId}", privateKey: false, out var problem);
            if (problem is not null)
            {
                return problem;
            }
        }
        if (serviceName is null)
        {
            return options.ServiceSigningKey.Length > 0
                ? "Auth:ServiceSigningKey must not be set here: this process mints no service tokens and needs only Auth:ServicePublicKeys."
                : null;
        }
        var ownId = options.ServiceKeyId;
        if (!IsKeyId(ownId) || ServiceOf(ownId) != serviceName)
        {
            return $"Auth:ServiceKeyId must be '{serviceName}' or '{serviceName}.<label>' (lower case): the key id names the service whose key signs.";
        }
        using var own = Import(options.ServiceSigningKey, "Auth:ServiceSigningKey", privateKey: true, out var ownProblem);
        if (ownProblem is not null)
        {
            return ownProblem;
        }
        if (!options.ServicePublicKeys.TryGetValue(ownId, out var ownPublic))
        {
            return $"Auth:ServicePublicKeys:{ownId} must hold this service's public key (Auth:ServiceKeyId is {ownId}): " +
                "publish a key to every process before signing with it.";
        }
        using var published = Import(ownPublic, $"Auth:ServicePublicKeys:{ownId}", privateKey: false, out _);
        return SamePublicKey(own!, published!)
            ? null
            : $"Auth:ServiceSigningKey does not match Auth:ServicePublicKeys:{ownId}: the published key would refuse this service's tokens.";
    }

    /// <summary>The published keys of settings that passed <see cref="Problem"/>, for verifying.</summary>
    public static ServiceKeys Load(AuthOptions options) =>
        new(options.ServicePublicKeys.ToDictionary(
            k => k.Key,
            k => new ECDsaSecurityKey(Import(k.Value, $"Auth:ServicePublicKeys:{k.Key}", privateKey: false, out _) ?? throw Invalid($"Auth:ServicePublicKeys:{k.Key}")) { KeyId = k.Key },
            StringComparer.Ordinal));

    /// <summary>This service's signing key (<see cref="AuthOptions.ServiceSigningKey"/>), named by <see cref="AuthOptions.ServiceKeyId"/>.</summary>
    internal static ECDsaSecurityKey SigningKey(AuthOptions options)
    {
        if (!IsKeyId(options.ServiceKeyId))
        {
            throw new InvalidOperationException("Auth:ServiceKeyId must name the service whose key signs (e.g. nominals or nominals.2026-12).");
        }
        var key = Import(options.ServiceSigningKey, "Auth:ServiceSigningKey", privateKey: true, out var problem);
        return problem is null && key is not null
            ? new ECDsaSecurityKey(key) { KeyId = options.ServiceKeyId }
            : throw new InvalidOperationException(problem);
    }

    /// <summary>
    /// The ECDSA P-256 key in <paramref name="pem"/>, or null and why not (naming
    /// <paramref name="setting"/>, never quoting the value): empty, not a PEM key (or encrypted), an
    /// RSA key, another curve, or a private key where a public one belongs and the reverse.
    /// </summary>
    private static ECDsa? Import(string pem, string setting, bool privateKey, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            problem = $"{setting} must be set: a PEM-encoded ECDSA P-256 {(privateKey ? "private" : "public")} key.";
            return null;
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            problem = IsRsa(pem)
                ? $"{setting} is an RSA key: service keys are ECDSA P-256 (ES256)."
                : $"{setting} is not a PEM-encoded, unencrypted ECDSA key.";
            return null;
        }
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || (curve.Oid.Value ?? NistP256Names(curve.Oid.FriendlyName)) != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            problem = $"{setting} is not on the P-256 curve: service keys are ECDSA P-256 (ES256).";
        }
        else if (HasPrivateKey(key) != privateKey)
        {
            problem = privateKey
                ? $"{setting} holds only a public key: it must be this service's private key."
                : $"{setting} holds a private key: publish only the public key (every process reads these).";
        }
        if (problem is null)
        {
            return key;
        }
        key.Dispose();
        return null;
    }

    private static string? NistP256Names(string? friendlyName) =>
        friendlyName is "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1" ? ECCurve.NamedCurves.nistP256.Oid.Value : friendlyName;

    private static bool IsRsa(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool SamePublicKey(ECDsa a, ECDsa b)
    {
        var (p, q) = (a.ExportParameters(false).Q, b.ExportParameters(false).Q);
        return p.X.AsSpan().SequenceEqual(q.X) && p.Y.AsSpan().SequenceEqual(q.Y);
    }

    /// <summary>A configuration key as a message may show it: printable ASCII, cut short.</summary>
    private static string Printable(string text) =>
        new(text.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    private static InvalidOperationException Invalid(string setting) => new($"{setting} is not a valid service key.");

    [GeneratedRegex(@"\A[a-z][a-z0-9-]*(\.[a-z0-9-]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
