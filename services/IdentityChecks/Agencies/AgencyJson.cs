using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// Strict JSON for agency answers, which are untrusted: exact property names, no comments, no
/// trailing commas, no duplicate properties, no numbers in strings, bounded depth, required members
/// and nullability enforced. Unknown members are skipped (agencies add fields), but nothing
/// unparsed is ever kept or passed on: only the typed, validated fields are mapped.
/// </summary>
internal static class AgencyJson
{
    public static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowDuplicateProperties = false,
    };

    public static readonly JsonSerializerOptions Write = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// Collects what is wrong with an agency answer after it parsed, field by field. Problems name
/// fields only, never values (they are personal data).
/// </summary>
internal sealed partial class AnswerCheck
{
    public const int MaxText = 200;
    public const int MaxSummary = 2000;
    public const int MaxItems = 100;

    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    public AnswerCheck Fail(string field, string what)
    {
        _problems.Add($"{field} {what}");
        return this;
    }

    /// <summary>Printable text of bounded length; required unless <paramref name="optional"/>.</summary>
    public string Text(string field, string? value, int max = MaxText, bool optional = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (!optional)
            {
                Fail(field, "is missing");
            }
            return "";
        }
        if (value.Length > max)
        {
            Fail(field, "is too long");
            return "";
        }
        if (value.Any(char.IsControl))
        {
            Fail(field, "holds control characters");
            return "";
        }
        return value;
    }

    /// <summary>An agency code such as VALID or DEED_POLL: upper-case letters, digits and underscores.</summary>
    public string Code(string field, string? value, bool optional = false)
    {
        if (string.IsNullOrEmpty(value) && optional)
        {
            return "";
        }
        if (value is null || !CodePattern().IsMatch(value))
        {
            Fail(field, "is not an agency code");
            return "";
        }
        return value;
    }

    public string Matches(string field, string? value, Regex pattern, bool optional = false)
    {
        if (string.IsNullOrEmpty(value) && optional)
        {
            return "";
        }
        if (value is null || !pattern.IsMatch(value))
        {
            Fail(field, "is malformed");
            return "";
        }
        return value;
    }

    /// <summary>A calendar date "yyyy-MM-dd".</summary>
    public DateOnly? Date(string field, string? value, bool optional = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (!optional)
            {
                Fail(field, "is missing");
            }
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(field, "is not a date");
            return null;
        }
        return date;
    }

    public IReadOnlyList<T> Items<T>(string field, IReadOnlyList<T>? items, int max = MaxItems)
    {
        if (items is null)
        {
            return [];
        }
        if (items.Count > max)
        {
            Fail(field, "has too many items");
            return [];
        }
        return items;
    }

    [GeneratedRegex(@"\A[A-Z][A-Z0-9_]{0,39}\z")]
    private static partial Regex CodePattern();
}
