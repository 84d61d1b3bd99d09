using System.Globalization;

namespace OffenderRisk.Platform.Storage;

/// <summary>
/// How every store writes times and dates: times as ISO-8601 UTC text ("O"), dates as
/// "yyyy-MM-dd", both of which sort correctly as text in SQLite and PostgreSQL.
/// </summary>
public static class StoredTime
{
    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ParseOptional(string? text) => string.IsNullOrEmpty(text) ? null : Parse(text);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
