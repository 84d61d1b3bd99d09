namespace OffenderRisk.Platform.Errors;

/// <summary>
/// Collects every problem in a request before refusing it, so the caller sees all field
/// violations at once. Call <see cref="ThrowIfInvalid"/> before anything is written.
/// </summary>
public sealed class Validator
{
    /// <summary>Free-text limit unless a field says otherwise.</summary>
    public const int DefaultMaxTextLength = 4000;

    /// <summary>
    /// At most this many problems are reported, then one that counts the rest: the cost of an
    /// error (its size on the wire and in the gateway) stays bounded whatever a caller sends.
    /// </summary>
    public const int MaxReportedProblems = 20;

    /// <summary>Longest field path reported; a longer one is cut (paths are built from proto names and indexes, never from values).</summary>
    public const int MaxFieldPathLength = 200;

    /// <summary>Longest description reported; a longer one is cut.</summary>
    public const int MaxDescriptionLength = 300;

    private readonly List<FieldProblem> _problems = [];
    private int _unreported;

    public IReadOnlyList<FieldProblem> Problems => _problems;

    /// <summary>A problem with <paramref name="field"/>; <paramref name="rule"/> names the rule that requires it, if one does.</summary>
    public Validator Add(string field, string description, string? rule = null)
    {
        if (_problems.Count < MaxReportedProblems)
        {
            _problems.Add(new FieldProblem(Bounded(field, MaxFieldPathLength), Bounded(description, MaxDescriptionLength), rule));
        }
        else
        {
            _unreported++;
        }
        return this;
    }

    public Validator Required(string field, string? value, string? rule = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required", rule);
        }
        return this;
    }

    public Validator MaxLength(string field, string? value, int max = DefaultMaxTextLength)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"must be at most {max} characters");
        }
        return this;
    }

    public Validator Matches(string field, string? value, System.Text.RegularExpressions.Regex pattern, string format)
    {
        if (!string.IsNullOrEmpty(value) && !pattern.IsMatch(value))
        {
            Add(field, $"must be {format}");
        }
        return this;
    }

    /// <summary>An enum must be one of its named, non-zero values (zero is UNSPECIFIED).</summary>
    public Validator DefinedEnum<TEnum>(string field, TEnum value, bool required = true, string? rule = null) where TEnum : struct, Enum
    {
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (!Enum.IsDefined(value))
        {
            Add(field, $"has unknown value {number}", rule);
        }
        else if (required && number == 0)
        {
            Add(field, "is required", rule);
        }
        return this;
    }

    public Validator Check(bool ok, string field, string description, string? rule = null) => ok ? this : Add(field, description, rule);

    /// <summary><paramref name="text"/>, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "\u2026");

    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new ValidationFailedException(_unreported == 0
                ? _problems.ToArray()
                : [.. _problems, new FieldProblem("", $"and {_unreported} more problems not listed")]);
        }
    }
}
