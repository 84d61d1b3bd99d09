using System.Globalization;

namespace OffenderRisk.ServiceDefaults.Storage;

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
}
