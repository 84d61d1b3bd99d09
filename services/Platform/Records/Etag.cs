using System.Globalization;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.Platform.Records;

/// <summary>
/// Etags are the row version, quoted (AIP-154). Updates compare it in the WHERE clause, so a
/// concurrent writer's change is never overwritten: the loser gets ABORTED.
/// </summary>
public static class Etag
{
    public static string From(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Parses an etag; null when absent or malformed.</summary>
    public static long? Parse(string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }
        var trimmed = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        trimmed = trimmed.Trim('"');
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The etag a change requires, or INVALID_ARGUMENT naming <paramref name="field"/> and what to read.</summary>
    public static long Require(string? etag, string field = "etag", string record = "record") =>
        Parse(etag) ?? throw ValidationFailedException.For(field, Missing(record));

    /// <summary>The etag a change requires, its absence added to the problems being collected.</summary>
    public static long Require(string? etag, Validator problems, string field = "etag", string record = "record")
    {
        var parsed = Parse(etag);
        problems.Check(parsed is not null, field, Missing(record));
        return parsed ?? 0;
    }

    private static string Missing(string record) => $"is required: send the etag from the {record} you read";
}
