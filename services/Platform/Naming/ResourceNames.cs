using OffenderRisk.Platform.Errors;

namespace OffenderRisk.Platform.Naming;

/// <summary>A parsed resource name: its collection and canonical id.</summary>
public readonly record struct ResourceId(string Collection, string Id)
{
    public string Name => ResourceNames.Format(Collection, Id);

    public override string ToString() => Name;
}

/// <summary>
/// The one parser of AIP-122 resource names "{collection}/{uuid}" (and of nested ones,
/// "{collection}/{uuid}/{child}/{uuid}"). Ids are canonical lower-case UUIDs, whatever case the
/// caller sent.
/// </summary>
public static class ResourceNames
{
    public static string Format(string collection, string id) => $"{collection}/{id}";

    /// <summary>The UUID after "{collection}/", in canonical lower-case form; null when malformed.</summary>
    public static string? TryParseId(string collection, string? name) =>
        name is not null && name.StartsWith(collection + "/", StringComparison.Ordinal) ? CanonicalId(name.AsSpan(collection.Length + 1)) : null;

    /// <summary>The id in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static string ParseId(string collection, string? name, string field) =>
        TryParseId(collection, name) ?? throw Malformed(field, $"{collection}/{{uuid}}");

    /// <summary>The parsed name in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static ResourceId Parse(string collection, string? name, string field) => new(collection, ParseId(collection, name, field));

    /// <summary>The two ids of "{parent}/{uuid}/{child}/{uuid}"; null when malformed.</summary>
    public static (string ParentId, string ChildId)? TryParseNested(string parent, string child, string? name)
    {
        if (name is null || !name.StartsWith(parent + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = name.AsSpan(parent.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash < 0 || !rest[(slash + 1)..].StartsWith(child + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var parentId = CanonicalId(rest[..slash]);
        var childId = CanonicalId(rest[(slash + 1 + child.Length + 1)..]);
        return parentId is null || childId is null ? null : (parentId, childId);
    }

    public static ValidationFailedException Malformed(string field, string shape) =>
        ValidationFailedException.For(field, $"must be a resource name {shape}");

    private static string? CanonicalId(ReadOnlySpan<char> id) =>
        Guid.TryParseExact(id, "D", out var parsed) ? parsed.ToString("D") : null;
}

/// <summary>
/// A nominal's name, "nominals/{uuid}": the one reference every service keeps to the person a
/// record is about (the nominal itself lives in the nominals service).
/// </summary>
public static class NominalNames
{
    public const string Collection = "nominals";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);

    public static string Parse(string? name, string field) =>
        TryParse(name) ?? throw ValidationFailedException.For(field, "must be a nominal name, nominals/{uuid}");

    /// <summary>The id of a required nominal name in a request field; a problem on <paramref name="v"/> (and null) when absent or malformed.</summary>
    public static string? Check(Validator v, string? name, string field)
    {
        var id = TryParse(name);
        if (string.IsNullOrEmpty(name))
        {
            v.Add(field, "is required");
        }
        else if (id is null)
        {
            v.Add(field, "must be a nominal name, nominals/{uuid}");
        }
        return id;
    }
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
            : throw ValidationFailedException.For(field, "must be a UUID");
    }

    /// <summary>New resource ids: UUID v7, so ids sort by creation time (keyset pagination, newest first).</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("D");
}
