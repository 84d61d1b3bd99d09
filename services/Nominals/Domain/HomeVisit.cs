namespace OffenderRisk.Nominals.Domain;

/// <summary>How a planned visit turned out, as the visiting officer records it.</summary>
/// <param name="State">COMPLETED, REFUSED_ENTRY, NO_ACCESS or CANCELLED.</param>
/// <param name="VisitTime">When it took place or was attempted; null only for a cancelled visit.</param>
/// <param name="Observations">What was observed ("" for nothing); kept as intelligence too (R-ID4: source home visit).</param>
/// <param name="OutcomeNote">What happened at the door, or why it was cancelled.</param>
public sealed record HomeVisitOutcome(HomeVisitState State, DateTimeOffset? VisitTime, string Observations, string OutcomeNote)
{
    /// <summary>The outcomes a visit can be recorded with (it is planned until then).</summary>
    public static bool IsOutcome(HomeVisitState state) =>
        state is HomeVisitState.Completed or HomeVisitState.RefusedEntry or HomeVisitState.NoAccess or HomeVisitState.Cancelled;

    /// <summary>R-MG7: a refused entry is non-cooperation, recorded as such automatically; no other outcome is.</summary>
    public NonCooperationKind? NonCooperation => State == HomeVisitState.RefusedEntry ? NonCooperationKind.RefusedEntry : null;

    /// <summary>The time the observations were made: the visit's, or the recording's for a cancelled visit without one.</summary>
    public DateTimeOffset ObservedAt(DateTimeOffset now) => VisitTime ?? now;
}

/// <summary>
/// A home visit to a nominal (R-AS9, R-MG7, R-RM5): planned, then recorded once with its outcome.
/// The force is the nominal's owning force (read with the visit, never stored on it), so a
/// transfer takes the visits along. The names of what the outcome created (the acute-factor record
/// it rests on, the non-cooperation and the intelligence) are kept on the visit.
/// </summary>
public sealed record HomeVisitRecord(
    string Id,
    string NominalId,
    string ForceCode,
    HomeVisitState State,
    DateOnly PlannedDate,
    string Officer,
    string Purpose,
    DateTimeOffset? VisitTime,
    string Observations,
    string OutcomeNote,
    string AcuteFactorRecord,
    string NonCooperation,
    string Intelligence,
    string PlannedBy,
    string RecordedBy,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IVersioned<HomeVisitRecord>, INominalRecord
{
    public const string AlreadyRecordedReason = "HOME_VISIT_ALREADY_RECORDED";

    public string ResourceName => HomeVisitNames.Format(NominalId, Id);

    public HomeVisitRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };

    /// <summary>
    /// A newly planned visit to <paramref name="nominal"/>. No officer named means the nominal's
    /// MOSOVO officer, as it is when planned (empty while it has none).
    /// </summary>
    public static HomeVisitRecord Plan(string id, NominalRecord nominal, DateOnly plannedDate, string officer, string purpose, string plannedBy,
        DateTimeOffset now) =>
        new(id, nominal.Id, nominal.ForceCode, HomeVisitState.Planned, plannedDate,
            string.IsNullOrEmpty(officer) ? nominal.Management.MosovoOfficer : officer, purpose.Trim(),
            null, "", "", "", "", "", plannedBy, "", now, now, 1);

    /// <summary>
    /// Only a planned visit can be recorded, once. R-AS9: the acute factors are recorded before
    /// each home visit, so a visit is completed only with the acute-factor record made for it
    /// (<paramref name="acuteFactorRecord"/>, found by the caller; empty when there is none).
    /// </summary>
    public void CheckRecordable(HomeVisitOutcome outcome, string acuteFactorRecord)
    {
        EnsurePlanned();
        if (outcome.State == HomeVisitState.Completed && string.IsNullOrEmpty(acuteFactorRecord))
        {
            throw new RuleViolationException(HomeVisitRules.AcuteFactorsRuleId, "name",
                "a visit is completed only once its acute factors are recorded (AssessmentsService.RecordAcuteFactors, occasion HOME_VISIT, naming this visit)");
        }
    }

    /// <summary>An outcome is recorded once: a visit that is no longer planned is FAILED_PRECONDITION.</summary>
    public HomeVisitRecord EnsurePlanned() =>
        State == HomeVisitState.Planned
            ? this
            : throw new PreconditionFailedException(AlreadyRecordedReason, "name", "The visit's outcome is already recorded.");

    /// <summary>The visit with its outcome and the names of the records the outcome made (see <see cref="CheckRecordable"/>).</summary>
    public HomeVisitRecord Recorded(HomeVisitOutcome outcome, string acuteFactorRecord, string nonCooperation, string intelligence, string recordedBy)
    {
        CheckRecordable(outcome, acuteFactorRecord);
        return this with
        {
            State = outcome.State,
            VisitTime = outcome.VisitTime,
            Observations = outcome.Observations,
            OutcomeNote = outcome.OutcomeNote,
            AcuteFactorRecord = outcome.State == HomeVisitState.Completed ? acuteFactorRecord : "",
            NonCooperation = nonCooperation,
            Intelligence = intelligence,
            RecordedBy = recordedBy,
        };
    }
}

/// <summary>The rule ids home visits cite.</summary>
public static class HomeVisitRules
{
    /// <summary>The acute factors are recorded before each home visit.</summary>
    public const string AcuteFactorsRuleId = "R-AS9";

    /// <summary>No visit is required on reactive management.</summary>
    public const string ReactiveRuleId = "R-RM5";
}

/// <summary>Home visit names: "nominals/{id}/homeVisits/{visit}".</summary>
public static class HomeVisitNames
{
    public const string Collection = "homeVisits";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) => ResourceNames.TryParseNested(NominalNames.Collection, Collection, name);
}
