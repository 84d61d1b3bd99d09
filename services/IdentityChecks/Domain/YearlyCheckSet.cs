using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;

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
    long Version)
{
    public const string RuleId = "R-RM5";

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

    public static CheckSetRecord Schedule(string id, string nominalId, string force, DateOnly dueDate, string scheduledBy, DateTimeOffset runFrom, DateTimeOffset now) =>
        new(id, nominalId, force, dueDate, CheckSetState.Scheduled,
            Kinds.Select(k => new ScheduledCheckRecord(k, IsAutomated(k), ScheduledCheckState.Pending, "", "", "", null, "")).ToList(),
            "", "", scheduledBy, now, null, runFrom, 1);

    /// <summary>When the set falls due: the manual checks become open tasks; the automated ones wait for the scheduler.</summary>
    public CheckSetRecord Start() => this with
    {
        State = CheckSetState.InProgress,
        Checks = Checks.Select(c => c.Automated || c.State != ScheduledCheckState.Pending ? c : c with { State = ScheduledCheckState.ManualTaskOpen }).ToList(),
        Version = Version + 1,
    };

    public CheckSetRecord RecordAutomated(ScheduledCheckKind kind, string outcome, string enquiry, string actor, DateTimeOffset now) =>
        Replace(kind, c => c with { State = ScheduledCheckState.Done, Outcome = outcome, Enquiry = enquiry, CompletedBy = actor, CompleteTime = now, LastFailure = "" });

    public CheckSetRecord AutomatedFailed(ScheduledCheckKind kind, string failure, DateTimeOffset retryAt) =>
        Replace(kind, c => c with { LastFailure = failure }) with { NextRunTime = retryAt };

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

    /// <summary>Every check done: COMPLETE, naming the next set.</summary>
    public CheckSetRecord Complete(string nextId, DateTimeOffset now) => this with
    {
        State = CheckSetState.Complete, CompleteTime = now, NextCheckSetId = nextId, Version = Version + 1,
    };

    public CheckSetRecord Cancel(string reason, DateTimeOffset now) => this with
    {
        State = CheckSetState.Cancelled, CancelReason = reason, CompleteTime = now, Version = Version + 1,
    };

    /// <summary>The next yearly set falls due a year after this one's due date.</summary>
    public DateOnly NextDueDate => DueDate.AddYears(1);

    private CheckSetRecord Replace(ScheduledCheckKind kind, Func<ScheduledCheckRecord, ScheduledCheckRecord> change) => this with
    {
        Checks = Checks.Select(c => c.Kind == kind ? change(c) : c).ToList(),
        Version = Version + 1,
    };
}
