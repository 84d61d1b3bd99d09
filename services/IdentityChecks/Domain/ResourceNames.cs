
namespace OffenderRisk.IdentityChecks.Domain;

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

    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);
}

/// <summary>"credentialChecks/{id}".</summary>
public static class CredentialCheckNames
{
    public const string Collection = "credentialChecks";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);
}

/// <summary>"checkSets/{id}".</summary>
public static class CheckSetNames
{
    public const string Collection = "checkSets";

    public static string Format(string id) => $"{Collection}/{id}";

    public static string? TryParse(string? name) => ResourceNames.TryParseId(Collection, name);
}

/// <summary>New resource ids: UUID v7, so ids sort by creation time (keyset pagination, newest first).</summary>
internal static class ResourceIds
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("D");
}
