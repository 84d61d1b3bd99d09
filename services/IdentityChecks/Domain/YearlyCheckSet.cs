namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>One check of a yearly set and where it stands.</summary>
public sealed record ScheduledCheckRecord(
    ScheduledCheckKind Kind,
    bool Automated,
    ScheduledCheckState State,
    string Outcome,
    string Enquiry,
    string CompletedBy,
    DateTimeOffset? CompleteTime,
    string LastFailure);

/// <summary>
/// R-RM5: for a nominal on reactive management, scheduled checks (PND, PNC, WICU, NCA, INTERPOL
/// notices, ViSOR, local intelligence, agency checks) run yearly. PND and PNC have adapters and
/// run automatically; the others have none, so they become recorded manual tasks. Results are
/// recorded against the nominal; when all are done the next set falls due a year later.
/// </summary>
public sealed record CheckSetRecord(
    string Id,
    string NominalId,
    string ForceCode,
    DateOnly DueDate,
    CheckSetState State,
    IReadOnlyList<ScheduledCheckRecord> Checks,
    string CancelReason,
    string NextCheckSetId,
    string ScheduledBy,
    DateTimeOffset CreateTime,
    DateTimeOffset? CompleteTime,
    DateTimeOffset NextRunTime,
    long Version) : IVersioned<CheckSetRecord>, INominalRecord
{
    public const string RuleId = "R-RM5";

    /// <summary>Who schedules the next set when one completes.</summary>
    public const string Scheduler = "system:identity-checks-scheduler";

    /// <summary>A set with nothing left for the scheduler to run waits here until it is completed or a retry is due.</summary>
    public static readonly DateTimeOffset Parked = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The checks of every yearly set, in the APP's order.</summary>
    public static readonly IReadOnlyList<ScheduledCheckKind> Kinds =
    [
        ScheduledCheckKind.Pnd, ScheduledCheckKind.Pnc, ScheduledCheckKind.Wicu, ScheduledCheckKind.Nca,
        ScheduledCheckKind.InterpolNotices, ScheduledCheckKind.Visor, ScheduledCheckKind.LocalIntelligence, ScheduledCheckKind.AgencyChecks,
    ];

    public string ResourceName => CheckSetNames.Format(Id);

    public string Nominal => NominalNames.Format(NominalId);

    /// <summary>Checks that have an adapter; the rest are manual tasks.</summary>
    public static bool IsAutomated(ScheduledCheckKind kind) => kind is ScheduledCheckKind.Pnd or ScheduledCheckKind.Pnc;

    /// <summary>Scheduled checks are for nominals on reactive management only.</summary>
    public static void RequireReactive(ManagementStatus status, string field = "nominal")
    {
        if (status != ManagementStatus.Reactive)
        {
            throw new RuleViolationException(RuleId, field, "yearly scheduled checks are for a nominal on reactive management");
        }
    }

    /// <summary>A new set, due on <paramref name="dueDate"/>: it runs from the start of that day (UTC).</summary>
    public static CheckSetRecord Schedule(string id, string nominalId, string force, DateOnly dueDate, string scheduledBy, DateTimeOffset now) =>
        new(id, nominalId, force, dueDate, CheckSetState.Scheduled,
            Kinds.Select(k => new ScheduledCheckRecord(k, IsAutomated(k), ScheduledCheckState.Pending, "", "", "", null, "")).ToList(),
            "", "", scheduledBy, now, null, LocalDates.StartOf(dueDate), 1);

    public CheckSetRecord Stamped(long version, DateTimeOffset time) => this with { Version = version };

    /// <summary>When the set falls due: the manual checks become open tasks; the automated ones wait for the scheduler.</summary>
    public CheckSetRecord Start() => this with
    {
        State = CheckSetState.InProgress,
        Checks = Checks.Select(c => c.Automated || c.State != ScheduledCheckState.Pending ? c : c with { State = ScheduledCheckState.ManualTaskOpen }).ToList(),
    };

    public CheckSetRecord RecordAutomated(ScheduledCheckKind kind, string outcome, string enquiry, string actor, DateTimeOffset now) =>
        Replace(kind, c => c with { State = ScheduledCheckState.Done, Outcome = outcome, Enquiry = enquiry, CompletedBy = actor, CompleteTime = now, LastFailure = "" });

    public CheckSetRecord AutomatedFailed(ScheduledCheckKind kind, string failure, DateTimeOffset retryAt) =>
        Replace(kind, c => c with { LastFailure = failure }) with { NextRunTime = retryAt };

    /// <summary>An automated check the service cannot run (e.g. no PNC ID to search by) becomes an open manual task.</summary>
    public CheckSetRecord HandToOfficer(ScheduledCheckKind kind, string reason) =>
        Replace(kind, c => c with { State = ScheduledCheckState.ManualTaskOpen, LastFailure = reason });

    /// <summary>An officer records a manual check's outcome; only an open manual task can be completed.</summary>
    public CheckSetRecord CompleteManual(ScheduledCheckKind kind, string outcome, string user, DateTimeOffset now)
    {
        var check = Checks.FirstOrDefault(c => c.Kind == kind);
        if (check is null || check.Automated || check.State != ScheduledCheckState.ManualTaskOpen)
        {
            throw new PreconditionFailedException("CHECK_NOT_OPEN", "kind", "Only an open manual check of a set that has fallen due can be completed.");
        }
        return Replace(kind, c => c with { State = ScheduledCheckState.Done, Outcome = outcome, CompletedBy = user, CompleteTime = now });
    }

    public bool AllDone => Checks.All(c => c.State == ScheduledCheckState.Done);

    /// <summary>
    /// Completing a set schedules the next one (R-RM5): with every check done the set is COMPLETE,
    /// naming the next set, due <paramref name="intervalMonths"/> after this one's due date (a year
    /// unless operators configure otherwise). Otherwise the set is unchanged and there is no next one.
    /// </summary>
    public (CheckSetRecord Set, CheckSetRecord? Next) CompleteIfDone(string nextId, int intervalMonths, DateTimeOffset now)
    {
        if (!AllDone)
        {
            return (this, null);
        }
        var next = Schedule(nextId, NominalId, ForceCode, NextDueDate(intervalMonths), Scheduler, now);
        return (this with { State = CheckSetState.Complete, CompleteTime = now, NextCheckSetId = next.Id }, next);
    }

    public CheckSetRecord Cancel(string reason, DateTimeOffset now) => this with
    {
        State = CheckSetState.Cancelled, CancelReason = reason, CompleteTime = now,
    };

    /// <summary>The next set falls due <paramref name="intervalMonths"/> after this one's due date.</summary>
    public DateOnly NextDueDate(int intervalMonths) => DueDate.AddMonths(intervalMonths);

    private CheckSetRecord Replace(ScheduledCheckKind kind, Func<ScheduledCheckRecord, ScheduledCheckRecord> change) => this with
    {
        Checks = Checks.Select(c => c.Kind == kind ? change(c) : c).ToList(),
    };
}
