namespace OffenderRisk.Interventions.Domain;

/// <summary>Resource names: "interventions/{id}".</summary>
public static class InterventionNames
{
    public const string Collection = "interventions";

    public static string Format(string id) => $"{Collection}/{id}";

    /// <summary>The id in a resource name, or null when the name is not an intervention's.</summary>
    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);
}

