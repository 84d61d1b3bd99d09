namespace OffenderRisk.Nominals.Domain;

/// <summary>R-MG7: non-cooperation (refusing entry, refusing to answer...) flags the nominal for review.</summary>
public static class NonCooperationReview
{
    public const string RuleId = "R-MG7";

    /// <summary>The nominal flagged for review, with a reason naming the kind (a code, never the details).</summary>
    public static NominalManagement Flag(NominalManagement management, NonCooperationKind kind) =>
        management with { FlaggedForReview = true, ReviewFlagReason = $"non-cooperation (R-MG7): {KindCode(kind)}" };

    /// <summary>The kind as a lower-case phrase, e.g. "refused entry".</summary>
    public static string KindCode(NonCooperationKind kind) => kind switch
    {
        NonCooperationKind.RefusedEntry => "refused entry",
        NonCooperationKind.RefusedToAnswer => "refused to answer",
        NonCooperationKind.MissedAppointment => "missed appointment",
        _ => "other",
    };
}
