using OffenderRisk.ServiceDefaults.Errors;

namespace OffenderRisk.ServiceDefaults.Storage;

/// <summary>AIP-122 resource names of the form "{collection}/{uuid}".</summary>
public static class ResourceNames
{
    public static string Format(string collection, string id) => $"{collection}/{id}";

    /// <summary>The UUID after "{collection}/", in canonical lower-case form; null when malformed.</summary>
    public static string? TryParseId(string collection, string? name)
    {
        if (name is null || !name.StartsWith(collection + "/", StringComparison.Ordinal))
        {
            return null;
        }
        return Guid.TryParseExact(name.AsSpan(collection.Length + 1), "D", out var id) ? id.ToString("D") : null;
    }

    /// <summary>The id in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static string ParseId(string collection, string? name, string field) =>
        TryParseId(collection, name)
        ?? throw new ValidationFailedException([new FieldProblem(field, $"must be a resource name {collection}/{{uuid}}")]);
}

/// <summary>AIP-155 request ids.</summary>
public static class RequestIds
{
    /// <summary>Null when absent; the canonical UUID when present; INVALID_ARGUMENT when not a UUID.</summary>
    public static string? Validate(string? requestId, string field = "request_id")
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }
        return Guid.TryParse(requestId, out var parsed)
            ? parsed.ToString("D")
            : throw new ValidationFailedException([new FieldProblem(field, "must be a UUID")]);
    }
}
