using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Feeds;
using Contract = OffenderRisk.Contracts.Interventions.V1;
using PlanKind = OffenderRisk.Nominals.Domain.PlanKind;

namespace OffenderRisk.Nominals.Interventions;

/// <summary>
/// Follows the interventions feed as consumer "nominals" (the platform's one <see cref="FeedConsumer{TType}"/>),
/// as <see cref="Assessments.CountersignedAssessmentHandler"/> follows the assessments feed: a
/// countersigned plan (<see cref="NominalRecord.RecordCountersignedPlan"/>), a completed plan action
/// (<see cref="NominalRecord.RecordPlanActionCompleted"/>) and a breach
/// (<see cref="NominalRecord.RecordInterventionBreach"/>) go to the nominal's own method, whose change
/// (ledger entries, work items) is written in the unit of work that records the applied position,
/// audited as an alteration by the feed worker. Every attribute is checked, bounded and parsed as a
/// whole value before anything is read: a broken event is an error that holds the feed (and is
/// logged by type only), never a skip. An erased (or unknown) nominal has nothing to record.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "The feed handler (IFeedHandler) of intervention events, not a .NET event handler delegate.")]
public sealed partial class InterventionEventHandler(
    NominalStore store, NominalChangeWriter changes, ArmsSchedule arms, AuditWriter audit, TimeProvider clock)
    : IFeedHandler<InterventionEventType>
{
    public const string Consumer = "nominals";
    private const string Worker = "nominals-intervention-feed";

    /// <summary>A plan has at most 50 actions (PlansService, R-MG4): an event announcing more is broken.</summary>
    public const int MaxActions = 50;

    private const string ActionAttributePrefix = "action:";

    public bool Handles(InterventionEventType type) =>
        type is InterventionEventType.PlanCountersigned or InterventionEventType.PlanActionCompleted or InterventionEventType.InterventionBreached;

    public async Task ApplyAsync(Session session, FeedEvent<InterventionEventType> e)
    {
        // Parsed before anything is read: a broken event fails whether or not its nominal is still here.
        string operation;
        Func<NominalRecord, NominalChange> change;
        switch (e.Type)
        {
            case InterventionEventType.PlanCountersigned:
                var plan = CountersignedPlanOf(e);
                (operation, change) = ("RecordCountersignedPlan", n => n.RecordCountersignedPlan(plan, SystemUser));
                break;
            case InterventionEventType.PlanActionCompleted:
                var completed = CompletedActionOf(e);
                (operation, change) = ("RecordPlanActionCompleted", n => n.RecordPlanActionCompleted(completed));
                break;
            case InterventionEventType.InterventionBreached:
                var breach = BreachOf(e);
                (operation, change) = ("RecordInterventionBreach", n => n.RecordInterventionBreach(breach, arms));
                break;
            default:
                throw new InvalidOperationException($"Intervention event {e.Sequence} of type {e.Type} has no handler.");
        }
        var nominal = await store.FindAsync(session, e.NominalId);
        if (nominal is null)
        {
            return;
        }
        var changed = change(nominal);
        var nominalChanged = !ReferenceEquals(changed.Nominal, nominal);
        if (!nominalChanged && changed.LedgerEntries.Count == 0 && changed.WorkItemsToOpen.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        // A completed action changes the ledger only: the nominal is written only when it changed.
        var written = nominalChanged ? await RecordAccess.WriteAsync(session, store, nominal, changed.Nominal, now) : nominal;
        await changes.ApplyAsync(session, written, changed, SystemUser, now);
        var actor = AuditActor.System(Worker, written.ForceCode, operation) with
        {
            Justification = "intervention event " + e.Sequence.ToString(CultureInfo.InvariantCulture),
        };
        await audit.AppendAsync(session, actor, new AuditEvent(AuditOperation.Alteration, written.ResourceName, written.ForceCode));
    }

    /// <summary>PLAN_COUNTERSIGNED: {"kind", "version", "countersign_date", "superseded"?, "action:{id}" = "{due}|OPEN" or "|COMPLETED"}.</summary>
    public static CountersignedPlan CountersignedPlanOf(FeedEvent<InterventionEventType> e)
    {
        var planId = PlanIdOf(e);
        var kind = PlanKindOf(e);
        var version = e.Required("version");
        if (!VersionText().IsMatch(version))
        {
            throw Broken(e, "version");
        }
        if (e.Attributes.TryGetValue("superseded", out var superseded) && superseded.Length > 0
            && ResourceNames.TryParseId(CountersignedPlan.Collection, superseded) is null)
        {
            throw Broken(e, "superseded");
        }
        var actions = e.Attributes.Where(a => a.Key.StartsWith(ActionAttributePrefix, StringComparison.Ordinal)).ToList();
        if (actions.Count > MaxActions)
        {
            throw Broken(e, "action:*");
        }
        var dues = actions.Select(a =>
        {
            var id = a.Key[ActionAttributePrefix.Length..];
            var match = ActionState().Match(a.Value);
            if (!ActionId().IsMatch(id) || !match.Success)
            {
                throw Broken(e, "action:*");
            }
            return new PlanActionDue(id, DateOf(e, "action:*", match.Groups["due"].Value), match.Groups["state"].Value == "COMPLETED");
        }).OrderBy(a => a.ActionId, StringComparer.Ordinal).ToList();
        return new CountersignedPlan(planId, kind, int.Parse(version, NumberStyles.None, CultureInfo.InvariantCulture),
            DateOf(e, "countersign_date", e.Required("countersign_date")), OccurTimeOf(e), dues);
    }

    /// <summary>PLAN_ACTION_COMPLETED: {"kind", "action", "completion_date"}.</summary>
    public static CompletedPlanAction CompletedActionOf(FeedEvent<InterventionEventType> e)
    {
        var planId = PlanIdOf(e);
        var kind = PlanKindOf(e);
        var action = e.Required("action");
        if (!ActionId().IsMatch(action))
        {
            throw Broken(e, "action");
        }
        return new CompletedPlanAction(planId, kind, action, DateOf(e, "completion_date", e.Required("completion_date")), OccurTimeOf(e));
    }

    /// <summary>INTERVENTION_BREACHED: subject "interventions/{id}"; {"breach" (one of its breaches), "occur_date", "kind"}.</summary>
    public static InterventionBreach BreachOf(FeedEvent<InterventionEventType> e)
    {
        var intervention = ResourceNames.TryParseId("interventions", e.RecordId) ?? throw Broken(e, "subject");
        var breach = ResourceNames.TryParseNested("interventions", "breaches", e.Required("breach"));
        if (breach is not { } b || b.ParentId != intervention)
        {
            throw Broken(e, "breach");
        }
        if (e.RequiredCode<Contract.InterventionKind>("kind") == Contract.InterventionKind.Unspecified)
        {
            throw Broken(e, "kind");
        }
        return new InterventionBreach($"interventions/{b.ParentId}/breaches/{b.ChildId}", DateOf(e, "occur_date", e.Required("occur_date")));
    }

    private const string SystemUser = "system:" + Worker;

    private static string PlanIdOf(FeedEvent<InterventionEventType> e) =>
        ResourceNames.TryParseId(CountersignedPlan.Collection, e.RecordId) ?? throw Broken(e, "subject");

    private static PlanKind PlanKindOf(FeedEvent<InterventionEventType> e) =>
        e.RequiredCode<Contract.PlanKind>("kind") is var kind && kind != Contract.PlanKind.Unspecified ? (PlanKind)kind : throw Broken(e, "kind");

    private static DateTimeOffset OccurTimeOf(FeedEvent<InterventionEventType> e) =>
        e.OccurTime != default ? e.OccurTime : throw Broken(e, "occur_time");

    private static DateOnly DateOf(FeedEvent<InterventionEventType> e, string attribute, string text) =>
        DateText().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Broken(e, attribute);

    /// <summary>Names the attribute, never its value (ids and codes only reach the logs).</summary>
    private static InvalidOperationException Broken(FeedEvent<InterventionEventType> e, string attribute) =>
        new($"Intervention event {e.Sequence} of type {e.Type} has a malformed '{attribute}' attribute.");

    [GeneratedRegex(@"\A[1-9][0-9]{0,5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionText();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    /// <summary>An action id as PlansService keeps it: a lower-case letter, then up to 39 lower-case letters, digits or '-'.</summary>
    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionId();

    [GeneratedRegex(@"\A(?<due>[0-9]{4}-[0-9]{2}-[0-9]{2})\|(?<state>OPEN|COMPLETED)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionState();
}

/// <summary>The nominals service follows the interventions feed (Services:Interventions).</summary>
public static class InterventionFeedRegistration
{
    public static IHostApplicationBuilder AddInterventionEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IFeedHandler<InterventionEventType>, InterventionEventHandler>();
        builder.AddInterventionFeedConsumer(InterventionEventHandler.Consumer);
        return builder;
    }
}
