
namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// What the author records about an intervention: which one (R-MG9) and its systematic analysis
/// (R-MG8).
/// </summary>
public sealed record InterventionDetails(
    string NominalId,
    InterventionKind Kind,
    InterventionType Type,
    string Description,
    SystematicAnalysis Analysis);

/// <summary>A stored intervention. Version is the optimistic-concurrency counter behind the etag.</summary>
public sealed record InterventionRecord(
    string Id,
    string ForceCode,
    InterventionDetails Details,
    string Author,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : INominalRecord
{
    public string NominalId => Details.NominalId;

    public string ResourceName => InterventionNames.Format(Id);

    /// <summary>A new intervention, recorded by <paramref name="author"/>.</summary>
    public static InterventionRecord New(InterventionDetails details, string force, string author, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, details, author, now, now, 1);
}
