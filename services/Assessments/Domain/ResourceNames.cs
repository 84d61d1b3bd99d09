namespace OffenderRisk.Assessments.Domain;

/// <summary>Resource names: "assessments/{id}".</summary>
public static class AssessmentNames
{
    public const string Collection = "assessments";

    public static string Format(string id) => $"{Collection}/{id}";

    /// <summary>The id in a resource name, or null when the name is not an assessment's.</summary>
    public static string? TryParse(string? name) => ServiceDefaults.Storage.ResourceNames.TryParseId(Collection, name);
}

/// <summary>
/// The nominal an assessment is about, by its resource name "nominals/{id}". The nominal itself
/// lives in the nominals service; this service keeps only the reference.
/// </summary>
public static class NominalNames
{
    public const string Collection = "nominals";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ServiceDefaults.Storage.ResourceNames.TryParseId(Collection, name);
}
