namespace OffenderRisk.Assessments.Domain;

/// <summary>Resource names: "assessments/{id}".</summary>
public static class AssessmentNames
{
    public const string Collection = "assessments";

    public static string Format(string id) => $"{Collection}/{id}";

    /// <summary>The id in a resource name, or null when the name is not an assessment's.</summary>
    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);
}

