using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace OffenderRisk.Client;

/// <summary>Whether repeating a call could do something twice.</summary>
public enum CallSafety
{
    /// <summary>A repeat could act twice: a change without a request id (e.g. a create whose request_id the caller left empty, an AddCivilOrder).</summary>
    Unsafe,

    /// <summary>The call reads only (Get, List, Search, Lookup...): repeating it changes nothing.</summary>
    ReadOnly,

    /// <summary>A create carrying its request_id (AIP-155): the service answers a repeat with the first answer.</summary>
    Deduplicated,
}

/// <summary>Classifies a call by its contract: method name and whether the request carries a request id.</summary>
public static class CallSafetyClassifier
{
    /// <summary>The verbs of the suite's read-only RPCs (AIP-131/132 Get and List, and the suite's own reads).</summary>
    private static readonly string[] ReadVerbs = ["Get", "List", "Search", "Summarise", "Lookup", "Validate", "Verify", "Watch"];

    private const string RequestIdField = "request_id";

    public static CallSafety Of(string methodName, object? request)
    {
        // A request with a request_id field is a create (or record) the service deduplicates by it:
        // safe exactly when the caller set it.
        if (request is IMessage message && message.Descriptor.FindFieldByName(RequestIdField) is { FieldType: FieldType.String } field)
        {
            return string.IsNullOrEmpty(field.Accessor.GetValue(message) as string) ? CallSafety.Unsafe : CallSafety.Deduplicated;
        }
        return ReadVerbs.Any(verb => methodName.StartsWith(verb, StringComparison.Ordinal)
            && (methodName.Length == verb.Length || char.IsUpper(methodName[verb.Length])))
            ? CallSafety.ReadOnly
            : CallSafety.Unsafe;
    }
}
