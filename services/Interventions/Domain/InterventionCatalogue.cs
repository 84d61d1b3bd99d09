using System.Collections.Frozen;

namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// R-MG9: interventions come from the APP's lists ("Restrictive interventions", "Constructive
/// interventions"), and each is typed restrictive, constructive or both by the list it is on.
/// Home visits are the APP's own example of an intervention that is both.
/// </summary>
public static class InterventionCatalogue
{
    public const string RuleId = "R-MG9";

    private static readonly FrozenDictionary<InterventionKind, InterventionType> TypeByKind = new Dictionary<InterventionKind, InterventionType>
    {
        [InterventionKind.ApprovedPremises] = InterventionType.Restrictive,
        [InterventionKind.OfficeBasedSupervision] = InterventionType.Restrictive,
        [InterventionKind.HomeVisits] = InterventionType.Both,
        [InterventionKind.Prosecution] = InterventionType.Restrictive,
        [InterventionKind.CourtOrder] = InterventionType.Restrictive,
        [InterventionKind.RestrictionOnAssociations] = InterventionType.Restrictive,
        [InterventionKind.RestrictionOnResidence] = InterventionType.Restrictive,
        [InterventionKind.RestrictionOnMovement] = InterventionType.Restrictive,
        [InterventionKind.RestrictionOnActivities] = InterventionType.Restrictive,
        [InterventionKind.BailOrCurfewChecks] = InterventionType.Restrictive,
        [InterventionKind.NotificationRequirements] = InterventionType.Restrictive,
        [InterventionKind.Arrest] = InterventionType.Restrictive,
        [InterventionKind.RecallToPrison] = InterventionType.Restrictive,
        [InterventionKind.TargetHardening] = InterventionType.Restrictive,
        [InterventionKind.OvertPoliceActivity] = InterventionType.Restrictive,
        [InterventionKind.Disruption] = InterventionType.Restrictive,
        [InterventionKind.ElectronicMonitoring] = InterventionType.Restrictive,
        [InterventionKind.Tagging] = InterventionType.Restrictive,
        [InterventionKind.SatelliteTracking] = InterventionType.Restrictive,
        [InterventionKind.CovertSurveillance] = InterventionType.Restrictive,
        [InterventionKind.ChisTasking] = InterventionType.Restrictive,
        [InterventionKind.Anpr] = InterventionType.Restrictive,
        // The APP lists relapse prevention programmes among the restrictive interventions.
        [InterventionKind.RelapsePreventionProgramme] = InterventionType.Restrictive,
        [InterventionKind.ComputerMonitoring] = InterventionType.Restrictive,
        [InterventionKind.AccreditedProgramme] = InterventionType.Constructive,
        [InterventionKind.InformationSharing] = InterventionType.Constructive,
        [InterventionKind.DiversionActivities] = InterventionType.Constructive,
        [InterventionKind.PsychologicalOrPsychiatricInput] = InterventionType.Constructive,
        [InterventionKind.SupportAndAccountabilityGroup] = InterventionType.Constructive,
    }.ToFrozenDictionary();

    /// <summary>The type of a listed kind; null for UNSPECIFIED or an unknown value.</summary>
    public static InterventionType? TypeOf(InterventionKind kind) =>
        TypeByKind.TryGetValue(kind, out var type) ? type : null;

    /// <summary>
    /// The type of <paramref name="kind"/>. A declared type (anything but UNSPECIFIED) must agree
    /// with it; a contradiction is refused rather than silently corrected.
    /// </summary>
    public static InterventionType ResolveType(InterventionKind kind, InterventionType declared, string typeField)
    {
        var type = TypeOf(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not one of the APP's interventions");
        if (declared != InterventionType.Unspecified && declared != type)
        {
            throw new RuleViolationException(RuleId, typeField,
                $"this kind of intervention is {Describe(type)} in the APP's lists, not {Describe(declared)}");
        }
        return type;
    }

    private static string Describe(InterventionType type) => type switch
    {
        InterventionType.Restrictive => "restrictive",
        InterventionType.Constructive => "constructive",
        InterventionType.Both => "both restrictive and constructive",
        _ => "unspecified",
    };
}
