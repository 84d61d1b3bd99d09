namespace OffenderRisk.Interventions.Domain;

/// <summary>Resource names: "interventions/{id}".</summary>
public static class InterventionNames
{
    public const string Collection = "interventions";

    public static string Format(string id) => $"{Collection}/{id}";

    /// <summary>The id in a resource name, or null when the name is not an intervention's.</summary>
    public static string? TryParse(string? name) => ServiceDefaults.Storage.ResourceNames.TryParseId(Collection, name);
}

/// <summary>
/// The nominal an intervention is for, by its resource name "nominals/{id}". The nominal itself
/// lives in the nominals service; this service keeps only the reference.
/// </summary>
public static class NominalNames
{
    public const string Collection = "nominals";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ServiceDefaults.Storage.ResourceNames.TryParseId(Collection, name);
}
