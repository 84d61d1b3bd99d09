using System.Globalization;
using System.Text.RegularExpressions;

namespace OffenderRisk.DevTokens;

/// <summary>Token lifetimes as people type them: <c>90s</c>, <c>30m</c>, <c>8h</c>, <c>2d</c>, or a
/// TimeSpan such as <c>01:30:00</c>.</summary>
public static partial class Lifetime
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(8);

    /// <summary>A development token never outlives a week: long enough for any local session, short
    /// enough that a leaked one goes stale.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(7);

    public static bool TryParse(string text, out TimeSpan lifetime, out string? error)
    {
        lifetime = default;
        error = null;
        var match = WithUnit().Match(text.Trim());
        if (match.Success)
        {
            var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            lifetime = match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out lifetime))
        {
            error = $"'{text}' is not a lifetime: use e.g. 30m, 8h, 2d or 01:30:00.";
            return false;
        }

        if (lifetime <= TimeSpan.Zero || lifetime > Maximum)
        {
            error = $"The lifetime must be more than zero and at most {Maximum.TotalDays:0} days.";
            return false;
        }
        return true;
    }

    [GeneratedRegex("^(?<amount>[0-9]{1,6})(?<unit>[smhd])\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WithUnit();
}
