using System.Text.RegularExpressions;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Interventions.Domain;

/// <summary>The facts about a plan's nominal its rules decide on, as the nominals service holds them.</summary>
public sealed record PlanNominal(string MosovoOfficer, bool PoliceLead, bool Reactive, int MappaLevel);

/// <summary>
/// What a plan version must say, checked on create and on every update. Bounded input first (at
/// most 20 objectives, 50 actions, ids and owners of their formats, texts of their lengths), then
/// R-MG4 (objectives are outcomes; every action has a heading, an owner, a due date and the
/// objectives it serves) and R-VI1 (victim safety planned for, with an action under victim safety
/// planning when victims are identified): INVALID_ARGUMENT citing the rule. Then what depends on
/// the nominal (<see cref="CheckForNominal"/>): R-MG3, R-MG5, R-RM4, FAILED_PRECONDITION.
/// </summary>
public static partial class PlanRules
{
    public const int MaxObjectives = 20;
    public const int MaxActions = 50;
    public const int MaxOutcomeLength = 1000;
    public const int MaxTextLength = Validator.DefaultMaxTextLength;
    public const int MaxOwnerLength = 100;

    /// <summary>Checks <paramref name="content"/>, naming each field under <paramref name="prefix"/> (e.g. "plan").</summary>
    public static void Check(Validator v, PlanContent content, string prefix)
    {
        v.MaxLength($"{prefix}.summary", content.Summary, MaxTextLength);
        v.Check(content.Objectives.Count >= 1, $"{prefix}.objectives", "at least one objective, an outcome the plan is to achieve", "R-MG4")
         .Check(content.Objectives.Count <= MaxObjectives, $"{prefix}.objectives", $"at most {MaxObjectives} objectives", "R-MG4")
         .Check(content.Actions.Count >= 1, $"{prefix}.actions", "at least one action", "R-MG4")
         .Check(content.Actions.Count <= MaxActions, $"{prefix}.actions", $"at most {MaxActions} actions", "R-MG4");
        if (content.Objectives.Count > MaxObjectives || content.Actions.Count > MaxActions)
        {
            // Hostile input: nothing more is read of an oversized plan.
            return;
        }

        var objectiveIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < content.Objectives.Count; i++)
        {
            var o = content.Objectives[i];
            var field = $"{prefix}.objectives[{i}]";
            CheckId(v, o.Id, $"{field}.id", objectiveIds, "objective");
            v.Required($"{field}.outcome", o.Outcome, "R-MG4").MaxLength($"{field}.outcome", o.Outcome, MaxOutcomeLength);
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < content.Actions.Count; i++)
        {
            var a = content.Actions[i];
            var field = $"{prefix}.actions[{i}]";
            CheckId(v, a.Id, $"{field}.id", actionIds, "action");
            v.DefinedEnum($"{field}.heading", a.Heading, rule: "R-MG4")
             .Required($"{field}.description", a.Description, "R-MG4").MaxLength($"{field}.description", a.Description, MaxTextLength)
             .Required($"{field}.owner", a.Owner, "R-MG4").MaxLength($"{field}.owner", a.Owner, MaxOwnerLength)
             .Matches($"{field}.owner", a.Owner, OwnerPattern(), "a user id or an agency's role: letters, digits, \".\", \"_\", \":\", \"@\" and \"-\"")
             .Check(a.DueDate != default, $"{field}.due_date", "is required: every action has a due date", "R-MG4")
             .Check(a.Objectives.Count >= 1, $"{field}.objectives", "at least one objective the action serves", "R-MG4")
             .Check(a.Objectives.Count <= MaxObjectives, $"{field}.objectives", $"at most {MaxObjectives} objectives", "R-MG4");
            if (a.Objectives.Count <= MaxObjectives)
            {
                for (var j = 0; j < a.Objectives.Count; j++)
                {
                    v.Check(objectiveIds.Contains(a.Objectives[j]), $"{field}.objectives[{j}]", "must be the id of an objective of this plan", "R-MG4");
                }
            }
        }

        v.Required($"{prefix}.victim_safety", content.VictimSafety, "R-VI1")
         .MaxLength($"{prefix}.victim_safety", content.VictimSafety, MaxTextLength)
         .Check(!content.VictimsIdentified || content.Actions.Any(a => a.Heading == ActionHeading.VictimSafetyPlanning), $"{prefix}.actions",
            "victims are identified: at least one action under victim safety planning", "R-VI1");
    }

    /// <summary>
    /// The rules that depend on the nominal and the author, on field <paramref name="prefix"/>.…:
    /// R-MG3 (where police lead, the police plan is written by the nominal's MOSOVO officer), R-MG5
    /// (a MAPPA plan only at MAPPA level 2 or 3), R-RM4 (a police plan of a reactive nominal has no
    /// review date; any other plan has one after <paramref name="today"/>).
    /// </summary>
    public static void CheckForNominal(PlanKind kind, PlanContent content, string author, PlanNominal nominal, DateOnly today, string prefix)
    {
        if (kind == PlanKind.Police && nominal.PoliceLead && !UserIds.Same(author, nominal.MosovoOfficer))
        {
            throw new RuleViolationException("R-MG3", $"{prefix}.author",
                "police lead for this nominal: the police plan is written by the nominal's MOSOVO officer");
        }
        if (kind == PlanKind.Mappa && nominal.MappaLevel is not (2 or 3))
        {
            throw new RuleViolationException("R-MG5", $"{prefix}.kind", "a MAPPA plan is for a nominal managed at MAPPA level 2 or 3");
        }
        if (kind == PlanKind.Police && nominal.Reactive)
        {
            if (content.ReviewDate is not null)
            {
                throw new RuleViolationException("R-RM4", $"{prefix}.review_date", "the nominal is on reactive management: the police plan has no review date");
            }
        }
        else if (content.ReviewDate is not { } review)
        {
            throw new RuleViolationException("R-RM4", $"{prefix}.review_date", "is required: the plan is reviewed");
        }
        else if (review <= today)
        {
            throw new RuleViolationException("R-RM4", $"{prefix}.review_date", "must be after today");
        }
    }

    private static void CheckId(Validator v, string id, string field, HashSet<string> seen, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            v.Add(field, "is required", "R-MG4");
        }
        else if (!PlanIds.IsValid(id))
        {
            v.Add(field, $"must be {PlanIds.Format}", "R-MG4");
        }
        else if (!seen.Add(id))
        {
            v.Add(field, $"must be unique: another {what} of this plan has it", "R-MG4");
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._:@-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPattern();
}
