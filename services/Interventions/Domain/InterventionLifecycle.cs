namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// R-MG10: an intervention over time. It is PLANNED when recorded, becomes ACTIVE on its start date
/// and ENDS (completed, lifted, or withdrawn before it started); each change is kept with its date
/// and reason. A breach is recorded against an ACTIVE intervention only, and starts the response
/// (the feed event the nominals service follows). An ENDED intervention no longer changes.
/// </summary>
public sealed partial record InterventionRecord
{
    public const string RuleId = "R-MG10";

    /// <summary>Breaches kept on one intervention: bounded, as every list a caller can grow.</summary>
    public const int MaxBreaches = 200;

    /// <summary>The moves the contract allows: PLANNED -> ACTIVE -> ENDED, or PLANNED -> ENDED (withdrawn before it started).</summary>
    public static bool CanMove(InterventionStatus from, InterventionStatus to) => (from, to) switch
    {
        (InterventionStatus.Planned, InterventionStatus.Active) => true,
        (InterventionStatus.Planned, InterventionStatus.Ended) => true,
        (InterventionStatus.Active, InterventionStatus.Ended) => true,
        _ => false,
    };

    /// <summary>The date of the last status change, before which no later change may take effect.</summary>
    public DateOnly? LastChangeDate => StatusHistory.Count == 0 ? null : StatusHistory[^1].EffectiveDate;

    /// <summary>
    /// The details changed by an update (UpdateIntervention): an ENDED intervention cannot change;
    /// otherwise <paramref name="change"/> merges the named fields and checks the R-MG8 analysis
    /// of the result.
    /// </summary>
    public InterventionRecord Update(Func<InterventionDetails, InterventionDetails> change, string nameField)
    {
        EnsureNotEnded(nameField);
        return this with { Details = change(Details) };
    }

    /// <summary>
    /// Moves the intervention to <paramref name="to"/> on <paramref name="effectiveDate"/>, kept in
    /// its history. A move the lifecycle does not allow is STATUS_TRANSITION_NOT_ALLOWED; a date
    /// before the previous change is refused citing R-MG10 (the history stays in date order).
    /// </summary>
    public InterventionRecord ChangeStatus(
        InterventionStatus to, DateOnly effectiveDate, string reason, string changedBy, DateTimeOffset now, string statusField, string dateField)
    {
        if (!CanMove(Status, to))
        {
            throw new PreconditionFailedException("STATUS_TRANSITION_NOT_ALLOWED", statusField,
                $"an intervention that is {Describe(Status)} cannot become {Describe(to)} (PLANNED -> ACTIVE -> ENDED, or PLANNED -> ENDED)");
        }
        if (LastChangeDate is { } last && effectiveDate < last)
        {
            throw new RuleViolationException(RuleId, dateField,
                $"must not be before the previous status change ({StoredTime.FormatDate(last)})");
        }
        return this with
        {
            Status = to,
            StartDate = to == InterventionStatus.Active ? effectiveDate : StartDate,
            EndDate = to == InterventionStatus.Ended ? effectiveDate : EndDate,
            StatusHistory = [.. StatusHistory, new InterventionStatusChange(Status, to, effectiveDate, reason, changedBy, now)],
        };
    }

    /// <summary>
    /// Records a breach (R-MG10): only of an ACTIVE intervention, on or after its start date, and
    /// at most <see cref="MaxBreaches"/> of them. Returns the intervention with the breach kept.
    /// </summary>
    public (InterventionRecord Intervention, InterventionBreach Breach) RecordBreach(
        DateOnly occurDate, string details, string immediateAction, string recordedBy, DateTimeOffset now, string parentField, string dateField)
    {
        if (Status != InterventionStatus.Active)
        {
            throw new RuleViolationException(RuleId, parentField,
                $"a breach is recorded against an ACTIVE intervention; this one is {Describe(Status)}");
        }
        if (StartDate is { } start && occurDate < start)
        {
            throw new RuleViolationException(RuleId, dateField,
                $"must not be before the intervention started ({StoredTime.FormatDate(start)})");
        }
        if (Breaches.Count >= MaxBreaches)
        {
            throw new RuleViolationException(RuleId, parentField,
                $"an intervention keeps at most {MaxBreaches} breaches; end it and record a new intervention");
        }
        var breach = new InterventionBreach(RequestIds.NewId(now), occurDate, details, immediateAction, recordedBy, now);
        return (this with { Breaches = [.. Breaches, breach] }, breach);
    }

    private void EnsureNotEnded(string field)
    {
        if (Status == InterventionStatus.Ended)
        {
            throw new PreconditionFailedException("INTERVENTION_ENDED", field,
                $"the intervention ended on {(EndDate is { } d ? StoredTime.FormatDate(d) : "an earlier date")} and no longer changes");
        }
    }

    private static string Describe(InterventionStatus status) => status switch
    {
        InterventionStatus.Planned => "PLANNED",
        InterventionStatus.Active => "ACTIVE",
        InterventionStatus.Ended => "ENDED",
        _ => "UNSPECIFIED",
    };
}
