using System.Security.Cryptography;
using System.Text;

namespace OffenderRisk.DemoData;

/// <summary>
/// What the demo makes, decided by the seed alone: every name, date and request id follows from
/// (seed, index), so a second run with the same seed sends the same creates with the same
/// request ids (AIP-155) and the suite answers them with what it made the first time.
/// </summary>
public sealed record DemoPlan(string Seed, int Count, IReadOnlyList<string> Forces)
{
    public const int MaxCount = 5000;

    /// <summary>The force of nominal <paramref name="i"/>: round robin over the forces.</summary>
    public string ForceOf(int i) => Forces[i % Forces.Count];

    /// <summary>The MOSOVO officer managing nominal <paramref name="i"/>: four per force.</summary>
    public static string OfficerOf(int i) => $"PC-DEMO-{(i / 3 % 4) + 1}";

    /// <summary>Who allocates officers in each force.</summary>
    public const string Supervisor = "SGT-DEMO-1";

    /// <summary>MAPPA level: mostly 1, some 2, a few 3 (as in real caseloads).</summary>
    public static int MappaLevelOf(int i) => (i % 20) switch { 0 => 3, < 6 => 2, _ => 1 };

    /// <summary>Every nominal has intelligence; every second an ARMS draft; every third a passport marker request.</summary>
    public static bool HasAssessment(int i) => i % 2 == 0;

    public static bool HasMarkerRequest(int i) => i % 3 == 0;

    /// <summary>A request id (a UUID) for the <paramref name="kind"/> create of nominal <paramref name="i"/>, the same on every run with this seed.</summary>
    public string RequestId(string kind, int i)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"offenderrisk-demo|{Seed}|{kind}|{i}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style (name based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    /// <summary>A number from the seed for nominal <paramref name="i"/>, for names and dates.</summary>
    public int Pick(int i, string what, int modulo) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}|{what}|{i}")), 0) % (uint)modulo);
}
