using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// The keys that seal the audit log (R-AU2): HMAC-SHA256 secrets the database does not hold, from
/// configuration <c>Audit:Keys:&lt;keyId&gt;</c> (base64, at least 32 bytes each) with
/// <c>Audit:CurrentKeyId</c> naming the one that seals new entries and checkpoints. Every entry
/// records the id of its key, so a key is rotated by adding a new one and making it current: what
/// the old key sealed still verifies as long as the old key stays in the ring.
/// </summary>
/// <remarks>
/// Development and Testing may leave the keys unset: they then seal with a fixed development key
/// (<see cref="DevelopmentKeyId"/>), which is no secret. Anywhere else no key, a weak key or the
/// development key id refuses the start, as <c>Clock:StartAt</c> does (ServiceDefaults' SuiteClock).
/// </remarks>
public sealed partial class AuditKeyRing
{
    public const string KeysSection = AuditOptions.SectionName + ":Keys";
    public const string CurrentKeyIdKey = AuditOptions.SectionName + ":CurrentKeyId";

    /// <summary>The key id Development and Testing seal with when no key is configured.</summary>
    public const string DevelopmentKeyId = "development";

    /// <summary>The shortest secret accepted: HMAC-SHA256 wants at least its output size.</summary>
    public const int MinimumKeyBytes = 32;

    private static readonly byte[] DevelopmentSecret =
        SHA256.HashData(Encoding.UTF8.GetBytes("offenderrisk-development-audit-key-not-for-production-use"));

    private readonly Dictionary<string, byte[]> _keys;

    public AuditKeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        if (!_keys.ContainsKey(currentKeyId))
        {
            throw new InvalidOperationException($"{CurrentKeyIdKey} names '{currentKeyId}', which is not among {KeysSection}.");
        }
        CurrentKeyId = currentKeyId;
    }

    /// <summary>The key that seals new entries and checkpoints.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The ring Development and Testing use when no key is configured (tests build it too).</summary>
    public static AuditKeyRing Development { get; } = new(new Dictionary<string, byte[]> { [DevelopmentKeyId] = DevelopmentSecret }, DevelopmentKeyId);

    public bool Holds(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>Hex HMAC-SHA256 of <paramref name="canonical"/> under key <paramref name="keyId"/>, which must be held.</summary>
    public string Seal(string keyId, string canonical) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_keys[keyId], Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The configured ring, or start-up refused when the keys cannot be honoured here.</summary>
    public static AuditKeyRing From(IConfiguration configuration, IHostEnvironment environment)
    {
        var devOrTest = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var section = configuration.GetSection(KeysSection).GetChildren().ToList();
        var current = configuration[CurrentKeyIdKey];
        if (section.Count == 0 && string.IsNullOrEmpty(current))
        {
            return devOrTest
                ? Development
                : throw new InvalidOperationException(
                    $"{KeysSection}:<keyId> (base64, at least {MinimumKeyBytes} bytes) and {CurrentKeyIdKey} must be set: the audit log is sealed with a key the database does not hold (R-AU2).");
        }
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in section)
        {
            if (!KeyIdPattern().IsMatch(key.Key))
            {
                throw new InvalidOperationException($"{KeysSection}: a key id must be 1 to 64 letters, digits, '.', '_' or '-'.");
            }
            if (key.Key == DevelopmentKeyId && !devOrTest)
            {
                throw new InvalidOperationException($"{KeysSection}:{DevelopmentKeyId} is reserved for the Development and Testing environments.");
            }
            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(key.Value ?? "");
            }
            catch (FormatException)
            {
                // Never the value itself: it is a secret.
                throw new InvalidOperationException($"{KeysSection}:{key.Key} must be base64.");
            }
            if (secret.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"{KeysSection}:{key.Key} must hold at least {MinimumKeyBytes} bytes (base64 of a random secret).");
            }
            keys[key.Key] = secret;
        }
        if (string.IsNullOrEmpty(current))
        {
            throw new InvalidOperationException($"{CurrentKeyIdKey} must name the key of {KeysSection} that seals new entries.");
        }
        return new AuditKeyRing(keys, current);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex KeyIdPattern();
}
