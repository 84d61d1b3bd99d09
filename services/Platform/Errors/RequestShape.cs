using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace OffenderRisk.Platform.Errors;

/// <summary>
/// Limits on the shape of every request, checked as it is parsed, before any handler or validator
/// runs: they bound what a hostile or careless request can cost, whatever its fields mean.
/// Settings: section <c>RequestLimits</c>. The per-field limits of the rulebook (e.g. 50 aliases,
/// 4000 characters of intelligence text) stay with each service's validation and are tighter.
/// </summary>
public sealed class RequestLimits
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest request message accepted, in bytes (RESOURCE_EXHAUSTED above it, before it is parsed).</summary>
    public int MaxMessageBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Largest JSON request body accepted over HTTP (transcoding), in bytes: JSON spells out field
    /// names and encodes numbers as text, so it is larger than the same message in protobuf.
    /// </summary>
    public int MaxJsonBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Most entries any one repeated or map field may hold.</summary>
    public int MaxRepeatedCount { get; set; } = 500;

    /// <summary>Longest any one text field may be, in UTF-16 code units, after normalisation.</summary>
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>The settings' problem, if any (checked at start-up).</summary>
    public string? Problem() =>
        MaxMessageBytes is < 1024 or > 16 * 1024 * 1024 ? "RequestLimits:MaxMessageBytes must be between 1 KB and 16 MB."
        : MaxJsonBytes < MaxMessageBytes || MaxJsonBytes > 64 * 1024 * 1024 ? "RequestLimits:MaxJsonBytes must be at least MaxMessageBytes and at most 64 MB."
        : MaxRepeatedCount < 1 ? "RequestLimits:MaxRepeatedCount must be positive."
        : MaxTextLength < Validator.DefaultMaxTextLength ? $"RequestLimits:MaxTextLength must be at least {Validator.DefaultMaxTextLength}."
        : null;
}

/// <summary>
/// Checks a parsed request against <see cref="RequestLimits"/> and normalises its text, through
/// the one <see cref="Validator"/>: every string field of every request (at any depth) is put in
/// Unicode NFC, so that the same name typed two ways is the same name; no text field may contain a
/// control character (Unicode category Cc), except line feed, carriage return and tab in the
/// narrative fields named in <see cref="NarrativeFields"/>; no text may be longer than the limit
/// and no repeated field hold more entries (its entries are then not examined at all). Field paths
/// are proto field names, as the services' validators name them (<c>nominal.aliases[2].family_name</c>);
/// no value is ever quoted.
/// </summary>
public static class RequestShape
{
    /// <summary>
    /// Free-text fields a person writes in paragraphs: the only ones where a line break or tab is
    /// content rather than an attack on whoever reads, logs or matches the value. Every other text
    /// field (names, identifiers, codes, addresses, tokens) refuses every control character.
    /// </summary>
    public static readonly IReadOnlySet<string> NarrativeFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "details", "detail", "description", "rationale", "reason", "reasons", "note", "outcome", "outcome_note",
        "observations", "summary", "purpose", "justification", "evidence", "objective", "objectives",
        "assessment_considerations", "case_formulation", "consideration", "contact_wishes_note", "cancel_reason",
        "duplicate_override_reason", "immediate_action", "lawfulness_and_proportionality", "link_reason",
        "management_end_reason", "negative_consequences", "offence_description", "override_justification",
        "override_rationale", "placement_reasons", "rejection_reason", "review_flag_reason", "safety_measures",
        "suitability", "victim_safety", "waive_reason", "information_sources", "enforcement",
    };

    /// <summary>Normalises <paramref name="request"/>'s text in place and refuses it (INVALID_ARGUMENT) if it breaks a limit.</summary>
    public static void Check(IMessage request, RequestLimits limits)
    {
        var v = new Validator();
        Walk(request, "", v, limits);
        v.ThrowIfInvalid();
    }

    private static void Walk(IMessage message, string prefix, Validator v, RequestLimits limits)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix.Length == 0 ? field.Name : $"{prefix}.{field.Name}";
            if (field.IsMap)
            {
                var map = (IDictionary)field.Accessor.GetValue(message);
                if (!CountWithin(map.Count, path, v, limits))
                {
                    continue;
                }
                var i = 0;
                foreach (DictionaryEntry entry in map)
                {
                    // Map entries are checked, not rewritten: no request of the suite's contracts has one.
                    Value(entry.Key, $"{path}[{i}]", field, v, limits, out _);
                    Value(entry.Value, $"{path}[{i}]", field, v, limits, out _);
                    i++;
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                if (!CountWithin(list.Count, path, v, limits))
                {
                    continue;
                }
                for (var i = 0; i < list.Count; i++)
                {
                    if (Value(list[i], $"{path}[{i}]", field, v, limits, out var normalised))
                    {
                        list[i] = normalised;
                    }
                }
            }
            else if (field.FieldType is FieldType.String or FieldType.Message && field.Accessor.GetValue(message) is { } value)
            {
                if (Value(value, path, field, v, limits, out var normalised))
                {
                    field.Accessor.SetValue(message, normalised);
                }
            }
        }
    }

    private static bool CountWithin(int count, string path, Validator v, RequestLimits limits)
    {
        if (count <= limits.MaxRepeatedCount)
        {
            return true;
        }
        v.Add(path, $"must have at most {limits.MaxRepeatedCount} entries");
        return false;
    }

    /// <summary>Checks one value; true (with the NFC form) when a string must be rewritten.</summary>
    private static bool Value(object? value, string path, FieldDescriptor field, Validator v, RequestLimits limits, out string normalised)
    {
        normalised = "";
        switch (value)
        {
            case IMessage nested:
                Walk(nested, path, v, limits);
                return false;
            case string text:
                {
                    var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : Normalise(text);
                    if (nfc is null)
                    {
                        v.Add(path, "is not valid Unicode text");
                        return false;
                    }
                    if (nfc.Length > limits.MaxTextLength)
                    {
                        v.Add(path, $"must be at most {limits.MaxTextLength} characters");
                    }
                    else if (HasControlCharacter(nfc, NarrativeFields.Contains(field.Name)))
                    {
                        v.Add(path, NarrativeFields.Contains(field.Name)
                            ? "must not contain control characters other than line breaks and tabs"
                            : "must not contain control characters (such as a line break)");
                    }
                    normalised = nfc;
                    return !ReferenceEquals(nfc, text);
                }
            default:
                return false;
        }
    }

    private static string? Normalise(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null; // a lone surrogate
        }
    }

    /// <summary>Any character of Unicode category Cc; in narrative text, LF, CR and TAB are allowed.</summary>
    public static bool HasControlCharacter(string text, bool narrative)
    {
        foreach (var c in text)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Control && !(narrative && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }
        return false;
    }
}
