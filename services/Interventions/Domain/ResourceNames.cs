namespace OffenderRisk.Interventions.Domain;

/// <summary>Resource names: "interventions/{id}".</summary>
public static class InterventionNames
{
    public const string Collection = "interventions";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    /// <summary>The name in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static ResourceId Parse(string? name, string field) => ResourceNames.Parse(Collection, name, field);
}
