namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// Home visits and the other duties of active management on the obligations ledger (R-MR4):
/// R-AS9 (a completed visit), R-MG3 (the police plan of a MAPPA-eligible nominal) and R-RM5 (no
/// visit obligation on reactive management).
/// </summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// R-MG3: MAPPA-eligible, so a police risk management plan is required once managed: a
    /// registered sexual offender, or a nominal with a MAPPA category set.
    /// </summary>
    public bool IsMappaEligible => Details.Category == NominalCategory.RegisteredSexualOffender || Management.Mappa is { Category: >= 1 };

    /// <summary>
    /// A completed visit (<paramref name="visit"/>, made at <paramref name="visitTime"/>) satisfies
    /// the open HOME_VISIT obligations raised by then, and raises the next, due by the local
    /// policy for the nominal's current level from the visit's date. R-RM5: none while reactive
    /// (nor while management is pending or ended: becoming active raises it,
    /// <see cref="ObligationsOnBecomingActive"/>). The nominal itself is unchanged.
    /// </summary>
    public NominalChange RecordHomeVisit(string visit, DateTimeOffset visitTime, ManagedObligationSchedule schedule)
    {
        var visitDate = LocalDates.DateOf(visitTime);
        var ledger = new List<LedgerEntry> { new SatisfyOpenObligations([ObligationKind.HomeVisit], visit, visitTime) };
        if (Status == ManagementStatus.Active)
        {
            ledger.Add(new RaiseObligation(ObligationKind.HomeVisit, ObligationTriggers.HomeVisit, "home-visit:" + visit, visit, visitDate,
                schedule.NextHomeVisitDue(Management.CurrentAssessment?.Level, visitDate)));
        }
        return new NominalChange(this, [], ledger);
    }

    /// <summary>
    /// The duties a change raises when it made management ACTIVE (from pending, reactive or ended;
    /// see <see cref="BecameActive"/>): the next home visit, due by the local policy for the current
    /// level (R-MR4), and for a MAPPA-eligible nominal the police plan (R-MG3), each keyed to this
    /// status change ("managed:{status history count}"), so a replay raises nothing twice.
    /// </summary>
    public IReadOnlyList<LedgerEntry> ObligationsOnBecomingActive(ManagedObligationSchedule schedule, DateTimeOffset now)
    {
        if (Status != ManagementStatus.Active)
        {
            return [];
        }
        var today = LocalDates.DateOf(now);
        var key = $"managed:{Management.StatusHistory.Count}";
        var ledger = new List<LedgerEntry>
        {
            new RaiseObligation(ObligationKind.HomeVisit, ObligationTriggers.Managed, key + ":home-visit", ResourceName, today,
                schedule.NextHomeVisitDue(Management.CurrentAssessment?.Level, today)),
        };
        if (IsMappaEligible)
        {
            ledger.Add(new RaiseObligation(ObligationKind.PolicePlan, ObligationTriggers.Managed, key + ":police-plan", ResourceName, today,
                schedule.PolicePlanDue(today)));
        }
        return ledger;
    }

    /// <summary>
    /// What a change of management status does to the duties of active management, whichever path
    /// made it (written with the change, NominalChangeWriter): becoming ACTIVE raises them
    /// (<see cref="ObligationsOnBecomingActive"/>); R-RM5: becoming REACTIVE waives the open HOME_VISIT
    /// obligations, as no visit is required on reactive management.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> ManagementDutiesOf(NominalChange change, ManagedObligationSchedule schedule, string actingUser, DateTimeOffset now) =>
        BecameActive(change) ? change.Nominal.ObligationsOnBecomingActive(schedule, now)
        : Moved(change, ManagementStatus.Reactive)
            ? [new WaiveOpenObligations([ObligationKind.HomeVisit], "no visit is required on reactive management (R-RM5)", actingUser)]
            : [];

    /// <summary>
    /// Whether <paramref name="change"/> moved the nominal to ACTIVE (a user's status change, or a
    /// return from reactive management, R-RM4): its status-changed event says so and the nominal
    /// is active after it.
    /// </summary>
    public static bool BecameActive(NominalChange change) => Moved(change, ManagementStatus.Active);

    /// <summary>The change's status-changed event says it moved the nominal to <paramref name="status"/>, where it now is.</summary>
    private static bool Moved(NominalChange change, ManagementStatus status) =>
        change.Nominal.Status == status
        && change.Events.Any(e => e.Type == NominalEventType.StatusChanged
            && e.Codes is { } codes && codes.TryGetValue("status", out var to) && to is ManagementStatus s && s == status);
}
