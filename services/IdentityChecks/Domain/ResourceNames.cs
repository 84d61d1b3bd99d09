namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// The nominal a request is about, "nominals/{id}". The nominal lives in the nominals service;
/// this service keeps only the reference and confirms it there.
/// </summary>
public static class NominalNames
{
    public const string Collection = "nominals";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

/// <summary>A stored agency answer: "enquiries/{id}".</summary>
public static class EnquiryNames
{
    public const string Collection = "enquiries";

    public static string Format(string id) => $"{Collection}/{id}";
}

/// <summary>"markerRequests/{id}".</summary>
public static class MarkerRequestNames
{
    public const string Collection = "markerRequests";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

/// <summary>"credentialChecks/{id}".</summary>
public static class CredentialCheckNames
{
    public const string Collection = "credentialChecks";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

/// <summary>"checkSets/{id}".</summary>
public static class CheckSetNames
{
    public const string Collection = "checkSets";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceName.TryParseId(Collection, name);
}

internal static class ResourceName
{
    /// <summary>The UUID after "{collection}/", in canonical lower-case form; null when malformed.</summary>
    public static string? TryParseId(string collection, string? name)
    {
        if (name is null || !name.StartsWith(collection + "/", StringComparison.Ordinal))
        {
            return null;
        }
        return Guid.TryParseExact(name.AsSpan(collection.Length + 1), "D", out var id) ? id.ToString("D") : null;
    }

    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("D");
}
