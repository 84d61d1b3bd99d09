namespace OffenderRisk.Assessments.Domain;

/// <summary>Resource names: "assessments/{id}".</summary>
public static class AssessmentNames
{
    public const string Collection = "assessments";

    public static string Format(string id) => $"{Collection}/{id}";

    /// <summary>The id in a resource name, or null when the name is not an assessment's.</summary>
    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

/// <summary>
/// The nominal an assessment is about, by its resource name "nominals/{id}". The nominal itself
/// lives in the nominals service; this service keeps only the reference.
/// </summary>
public static class NominalNames
{
    public const string Collection = "nominals";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

internal static class ResourceName
{
    /// <summary>The UUID after "{collection}/", in canonical lower-case form; null when malformed.</summary>
    public static string? TryParseId(string collection, string? name)
    {
        if (name is null || !name.StartsWith(collection + "/", StringComparison.Ordinal))
        {
            return null;
        }
        return Guid.TryParseExact(name.AsSpan(collection.Length + 1), "D", out var id) ? id.ToString("D") : null;
    }
}
