using System.Text.RegularExpressions;

namespace OffenderRisk.Interventions.Domain;

/// <summary>Resource names: "plans/{id}" and an action's "plans/{id}/actions/{action}".</summary>
public static partial class PlanNames
{
    public const string Collection = "plans";

    public const string Actions = "actions";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    public static string FormatAction(string planId, string actionId) => $"{Format(planId)}/{Actions}/{actionId}";

    /// <summary>The name in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static ResourceId Parse(string? name, string field) => ResourceNames.Parse(Collection, name, field);

    /// <summary>The plan and the action of "plans/{uuid}/actions/{id}", or INVALID_ARGUMENT naming the field.</summary>
    public static (ResourceId Plan, string ActionId) ParseAction(string? name, string field)
    {
        const string shape = "plans/{uuid}/actions/{id}";
        var marker = $"/{Actions}/";
        var at = name?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (name is null || at < 0)
        {
            throw ResourceNames.Malformed(field, shape);
        }
        var actionId = name[(at + marker.Length)..];
        var planId = ResourceNames.TryParseId(Collection, name[..at]);
        return planId is null || !PlanIds.IsValid(actionId) ? throw ResourceNames.Malformed(field, shape) : (new ResourceId(Collection, planId), actionId);
    }
}

/// <summary>The author's ids of objectives and actions: a lower-case letter, then up to 39 lower-case letters, digits or "-".</summary>
public static partial class PlanIds
{
    public const string Format = "a lower-case letter, then up to 39 lower-case letters, digits or \"-\"";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
