namespace OffenderRisk.Assessments.Domain;

/// <summary>Resource names: "assessments/{id}".</summary>
public static class AssessmentNames
{
    public const string Collection = "assessments";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    /// <summary>The name in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static ResourceId Parse(string? name, string field) => ResourceNames.Parse(Collection, name, field);
}

/// <summary>Resource names: "acuteFactorRecords/{id}" (R-AS9).</summary>
public static class AcuteFactorRecordNames
{
    public const string Collection = "acuteFactorRecords";

    public static string Format(string id) => ResourceNames.Format(Collection, id);
}
