namespace OffenderRisk.Nominals.Domain;

/// <summary>What a recorder says about a nominal (R-ID4: the source is always kept).</summary>
public sealed record IntelligenceDetails(
    IntelligenceSource Source,
    string OtherAgency,
    string Text,
    DateTimeOffset ObserveTime,
    string Location,
    bool RiskOfSeriousHarm);

/// <summary>The assessment of intelligence for significant change (R-RM6, rationale R-AU3).</summary>
public sealed record IntelligenceAssessmentRecord(
    ChangeSignificance Significance,
    IReadOnlyList<AssessmentAction> Actions,
    string Rationale,
    string AssessedBy,
    DateTimeOffset AssessTime,
    DateOnly? ArmsDueDate);

/// <summary>
/// A stored piece of intelligence. The recorder's force may differ from the nominal's (R-ID2):
/// intelligence belongs to the nominal, and so to its owning force.
/// </summary>
public sealed record IntelligenceRecord(
    string Id,
    string NominalId,
    IntelligenceDetails Details,
    string RecordedBy,
    string RecorderForce,
    DateTimeOffset RecordTime,
    IntelligenceAssessmentRecord? Assessment)
{
    public string ResourceName => IntelligenceNames.Format(NominalId, Id);
}

/// <summary>Recorded non-cooperation (R-MG7).</summary>
public sealed record NonCooperationRecord(
    string Id,
    string NominalId,
    NonCooperationKind Kind,
    string Details,
    DateTimeOffset OccurTime,
    string RecordedBy,
    DateTimeOffset RecordTime)
{
    public string ResourceName => IntelligenceNames.FormatNonCooperation(NominalId, Id);
}

/// <summary>
/// Resource names of what hangs off a nominal here: "nominals/{id}/intelligence/{id}" and
/// "nominals/{id}/nonCooperation/{id}".
/// </summary>
public static class IntelligenceNames
{
    public const string IntelligenceCollection = "intelligence";
    public const string NonCooperationCollection = "nonCooperation";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{IntelligenceCollection}/{id}";

    public static string FormatNonCooperation(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{NonCooperationCollection}/{id}";

    /// <summary>The nominal and intelligence ids in a name, or null when it is not an intelligence name.</summary>
    public static (string NominalId, string Id)? TryParse(string? name) => TryParseChild(name, IntelligenceCollection);

    /// <summary>
    /// The nominal and child ids of "nominals/{uuid}/{collection}/{uuid}", or null. Shared by
    /// work item names, which have the same shape.
    /// </summary>
    public static (string NominalId, string Id)? TryParseChild(string? name, string collection) =>
        ResourceNames.TryParseNested(NominalNames.Collection, collection, name);
}
