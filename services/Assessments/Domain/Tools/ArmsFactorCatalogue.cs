using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OffenderRisk.Assessments.Domain.Tools;

public enum ArmsFactorKind
{
    Risk = 1,
    Protective = 2,
}

public sealed record ArmsFactor(string Code, ArmsFactorKind Kind, string Label);

/// <summary>A point of the rating scale; some points must rest on recorded evidence.</summary>
public sealed record ArmsRatingPoint(string Code, string Label, bool EvidenceRequired);

public sealed record ArmsPriority(string Code, string Label);

/// <summary>One version of the ARMS factor list, its rating scale and its priorities (R-AS2, R-AS4).</summary>
public sealed record ArmsFactorList(
    string Version,
    IReadOnlyList<ArmsRatingPoint> Ratings,
    IReadOnlyList<ArmsPriority> Priorities,
    IReadOnlyList<ArmsFactor> Factors)
{
    public ArmsFactor? Factor(string? code) => Factors.FirstOrDefault(f => f.Code == code);

    public ArmsRatingPoint? Rating(string? code) => Ratings.FirstOrDefault(r => r.Code == code);

    public bool HasPriority(string? code) => Priorities.Any(p => p.Code == code);
}

/// <summary>
/// The ARMS factor lists, kept as versioned data (TOOLS.md: "not code"): each version is an
/// embedded arms-factors-v{n}.json beside this file. An assessment stores the version it was
/// rated against, so a later list never rewrites an old one; a new list is a new file.
/// </summary>
public static partial class ArmsFactorCatalogue
{
    public const string CurrentVersion = "arms-factors-v1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly Lazy<FrozenDictionary<string, ArmsFactorList>> Lists = new(Load);

    public static IReadOnlyCollection<string> Versions => Lists.Value.Keys;

    public static ArmsFactorList Current => Lists.Value[CurrentVersion];

    /// <summary>The list of <paramref name="version"/>, or null when there is no such version.</summary>
    public static ArmsFactorList? Find(string? version) =>
        version is not null && Lists.Value.TryGetValue(version, out var list) ? list : null;

    private static FrozenDictionary<string, ArmsFactorList> Load()
    {
        var assembly = typeof(ArmsFactorCatalogue).Assembly;
        var lists = new Dictionary<string, ArmsFactorList>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => ResourceName().IsMatch(r)))
        {
            var list = Read(assembly, resource);
            if (!lists.TryAdd(list.Version, list))
            {
                throw new InvalidOperationException($"Two ARMS factor lists have version {list.Version}.");
            }
        }
        if (!lists.ContainsKey(CurrentVersion))
        {
            throw new InvalidOperationException($"The current ARMS factor list {CurrentVersion} is not embedded.");
        }
        return lists.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // The data is checked as it is read: a malformed list fails at start-up, not at an assessment.
    private static ArmsFactorList Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var list = JsonSerializer.Deserialize<ArmsFactorList>(stream, Json)
            ?? throw new InvalidOperationException($"{resource} is empty.");
        var codes = list.Factors.Select(f => f.Code).Concat(list.Ratings.Select(r => r.Code)).Concat(list.Priorities.Select(p => p.Code));
        if (!resource.EndsWith($".{list.Version}.json", StringComparison.Ordinal)
            || list.Factors.Count == 0 || list.Ratings.Count == 0 || list.Priorities.Count == 0
            || list.Factors.DistinctBy(f => f.Code).Count() != list.Factors.Count
            || list.Ratings.DistinctBy(r => r.Code).Count() != list.Ratings.Count
            || list.Priorities.DistinctBy(p => p.Code).Count() != list.Priorities.Count
            || !codes.All(c => Code().IsMatch(c))
            || !list.Factors.All(f => Enum.IsDefined(f.Kind)))
        {
            throw new InvalidOperationException($"{resource} is not a well-formed ARMS factor list named for its version.");
        }
        return list;
    }

    [GeneratedRegex(@"\.arms-factors-v[0-9]+\.json\z")]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"\A[a-z][a-z_]{0,63}\z")]
    private static partial Regex Code();
}
