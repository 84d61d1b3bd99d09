namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>A stored agency answer: "enquiries/{id}".</summary>
public static class EnquiryNames
{
    public const string Collection = "enquiries";

    public static string Format(string id) => ResourceNames.Format(Collection, id);
}

/// <summary>"markerRequests/{id}".</summary>
public static class MarkerRequestNames
{
    public const string Collection = "markerRequests";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    public static string Parse(string? name, string field) => IdentityCheckNames.Parse(Collection, "marker request", name, field);
}

/// <summary>"credentialChecks/{id}".</summary>
public static class CredentialCheckNames
{
    public const string Collection = "credentialChecks";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    public static string Parse(string? name, string field) => IdentityCheckNames.Parse(Collection, "credential check", name, field);
}

/// <summary>"checkSets/{id}".</summary>
public static class CheckSetNames
{
    public const string Collection = "checkSets";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    public static string Parse(string? name, string field) => IdentityCheckNames.Parse(Collection, "check set", name, field);
}

internal static class IdentityCheckNames
{
    /// <summary>The id in a request field, or INVALID_ARGUMENT naming the field and the kind of name it must be.</summary>
    public static string Parse(string collection, string noun, string? name, string field) =>
        ResourceNames.TryParseId(collection, name)
        ?? throw ValidationFailedException.For(field, $"must be a {noun} name, {collection}/{{uuid}}");
}
