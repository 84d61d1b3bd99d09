namespace OffenderRisk.Interventions.Domain;

/// <summary>
/// R-MG4 and R-MR1: a plan version is written by its author, submitted, and countersigned by a
/// supervisor who is not the author (or returned with a reason), through the platform's one
/// countersigning mechanism (<see cref="Countersigning"/>, shared with assessments). What is the
/// plan's own: versions and what a revision carries over, supersession, action completions, and
/// clearing the review date on reactive management (R-RM4). Refusals cite R-MG4 on the request's
/// "name" unless said otherwise.
/// </summary>
public static class PlanLifecycle
{
    public const string RuleId = "R-MG4";

    public const int MaxReasonLength = Countersigning.MaxReasonLength;

    /// <summary>The countersigning lifecycle as it applies to plans.</summary>
    public static readonly Countersigning Steps = new(RuleId, "plan");

    /// <summary>
    /// A new version as a draft, authored by <paramref name="author"/>: the first of its kind, or a
    /// revision of <paramref name="revised"/> (the current countersigned version), numbered one more
    /// and carrying over the completion of every action it keeps (by id).
    /// </summary>
    public static PlanRecord Draft(
        string nominalId, PlanKind kind, PlanContent content, PlanRecord? revised, string force, string author, DateTimeOffset now)
    {
        if (revised is not null && (!revised.Current || revised.NominalId != nominalId || revised.Kind != kind))
        {
            throw new InvalidOperationException("A revision revises the current plan of its nominal and kind.");
        }
        return new PlanRecord(RequestIds.NewId(now), force, nominalId, kind, (revised?.Number ?? 0) + 1, revised?.Id, PlanState.Draft,
            CarryCompletions(content, revised), author, null, [], null, null, now, now, 1);
    }

    /// <summary>The author replaces what they wrote in a draft or returned version.</summary>
    public static PlanRecord Revise(PlanRecord plan, PlanContent content, PlanRecord? revised, string user, DateTimeOffset now, string field = "name")
    {
        Steps.EnsureAuthorMayRevise(plan, user, field);
        return plan with { Content = CarryCompletions(content, revised), UpdateTime = now };
    }

    /// <summary>The author submits a draft or returned version for countersigning.</summary>
    public static PlanRecord Submit(PlanRecord plan, string user, DateTimeOffset now, string field = "name")
    {
        Steps.EnsureAuthorMaySubmit(plan, user, field);
        return plan with { State = PlanState.Submitted, SubmitTime = now, UpdateTime = now };
    }

    /// <summary>A supervisor other than the author returns a submitted version with a reason; the return is kept.</summary>
    public static PlanRecord Return(PlanRecord plan, string supervisor, string reason, DateTimeOffset now, string field = "name") =>
        plan with
        {
            Returns = [.. plan.Returns, Steps.Return(plan, supervisor, reason, now, field)],
            State = PlanState.Returned,
            UpdateTime = now,
        };

    /// <summary>A supervisor other than the author countersigns a submitted version: it becomes current.</summary>
    public static PlanRecord Countersign(PlanRecord plan, string supervisor, DateTimeOffset now, string field = "name") =>
        plan with
        {
            Countersignature = Steps.Countersign(plan, supervisor, now, field),
            State = PlanState.Countersigned,
            UpdateTime = now,
        };

    /// <summary>The current version replaced by the one countersigned after it (<paramref name="by"/>): it stays readable, no longer current.</summary>
    public static PlanRecord Supersede(PlanRecord plan, string by, DateTimeOffset now)
    {
        if (!plan.Current || plan.Id == by)
        {
            throw new InvalidOperationException("Only a current plan is superseded, and never by itself.");
        }
        return plan with { SupersededBy = by, UpdateTime = now };
    }

    /// <summary>
    /// Records the completion of action <paramref name="actionId"/> of the current version (R-MG4).
    /// A version that is not current is refused citing R-MG4; an action already completed is
    /// FAILED_PRECONDITION, reason ACTION_ALREADY_COMPLETED.
    /// </summary>
    public static PlanRecord CompleteAction(
        PlanRecord plan, string actionId, DateOnly completionDate, string note, string user, DateTimeOffset now, string field = "name")
    {
        if (!plan.Current)
        {
            throw new RuleViolationException(RuleId, field,
                "only an action of the current countersigned plan can be completed; complete it on the current version");
        }
        var action = plan.Content.Actions.FirstOrDefault(a => a.Id == actionId)
            ?? throw new ResourceNotFoundException(PlanNames.FormatAction(plan.Id, actionId));
        if (action.Completed)
        {
            throw new PreconditionFailedException("ACTION_ALREADY_COMPLETED", field, "This action's completion is already recorded.");
        }
        var completed = action with { Completion = new ActionCompletion(completionDate, note, user, now) };
        return plan with
        {
            Content = plan.Content with { Actions = plan.Content.Actions.Select(a => a.Id == actionId ? completed : a).ToList() },
            UpdateTime = now,
        };
    }

    /// <summary>
    /// R-RM4: the nominal was placed on reactive management, so the current police plan has no
    /// review date. Null when there is nothing to change (not current, not a police plan, or
    /// already blank): applying it again changes nothing.
    /// </summary>
    public static PlanRecord? ClearReviewDateOnReactive(PlanRecord plan, DateTimeOffset now) =>
        plan.Current && plan.Kind == PlanKind.Police && plan.Content.ReviewDate is not null
            ? plan with { Content = plan.Content with { ReviewDate = null }, UpdateTime = now }
            : null;

    /// <summary>An action a revision keeps (same id) keeps its completion; the author cannot write one.</summary>
    private static PlanContent CarryCompletions(PlanContent content, PlanRecord? revised)
    {
        var completed = revised?.Content.Actions.Where(a => a.Completed).ToDictionary(a => a.Id, a => a.Completion) ?? [];
        return content with
        {
            Actions = content.Actions.Select(a => a with { Completion = completed.GetValueOrDefault(a.Id) }).ToList(),
        };
    }
}
