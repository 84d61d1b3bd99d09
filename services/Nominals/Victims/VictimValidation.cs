using System.Text.RegularExpressions;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Victims;

/// <summary>
/// Turns a victim as sent by the victim liaison officer into validated details, naming every bad
/// field by its path in the request (for example <c>victim.phone</c>); descriptions never quote
/// the values, which are personal data. Nothing is written on failure.
/// </summary>
public static partial class VictimValidation
{
    public const int MaxNameLength = 100;
    public const int MaxRelationshipLength = 200;
    public const int MaxNoteLength = 1000;
    public const int MaxEmailLength = 254;
    public const int MaxAddressLines = 5;

    /// <summary>The fields UpdateVictim may change.</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "person_name", "phone", "email", "postal_address", "preferred_channel", "relationship_to_offender", "contact_wishes",
        "contact_wishes_note", "assessment_considerations", "safety_measures", "review_notification_registered",
    };

    /// <summary>
    /// Validates each field named in <paramref name="fields"/> (all when null) on its own. Fields
    /// not named come back empty; <see cref="Merge"/> then takes them from the stored record.
    /// </summary>
    public static VictimDetails Validate(Victim victim, string prefix, IReadOnlySet<string>? fields = null)
    {
        var v = new Validator();
        bool Wanted(string field) => fields is null || fields.Contains(field);

        if (Wanted("person_name"))
        {
            var name = victim.PersonName;
            if (name is null || (string.IsNullOrWhiteSpace(name.GivenNames) && string.IsNullOrWhiteSpace(name.FamilyName)))
            {
                v.Add($"{prefix}.person_name", "is required: a given name or a family name");
            }
            else
            {
                v.MaxLength($"{prefix}.person_name.given_names", name.GivenNames, MaxNameLength)
                 .MaxLength($"{prefix}.person_name.family_name", name.FamilyName, MaxNameLength);
            }
        }
        if (Wanted("phone"))
        {
            v.Matches($"{prefix}.phone", victim.Phone.Trim(), PhonePattern(), "6 to 30 digits, spaces, '+', '(', ')' or '-'");
        }
        if (Wanted("email"))
        {
            v.MaxLength($"{prefix}.email", victim.Email.Trim(), MaxEmailLength)
             .Matches($"{prefix}.email", victim.Email.Trim(), EmailPattern(), "an email address");
        }
        if (Wanted("postal_address") && victim.PostalAddress is { } address)
        {
            var field = $"{prefix}.postal_address";
            v.Check(address.Lines.Count is > 0 and <= MaxAddressLines, $"{field}.lines", $"must have 1 to {MaxAddressLines} lines");
            for (var i = 0; i < address.Lines.Count; i++)
            {
                v.Required($"{field}.lines[{i}]", address.Lines[i])
                 .MaxLength($"{field}.lines[{i}]", address.Lines[i], MaxNameLength);
            }
            v.Matches($"{field}.postcode", address.Postcode.Trim(), IdentifierFormats.Postcode(), "a postcode of 2-10 letters, digits and spaces");
        }
        if (Wanted("preferred_channel"))
        {
            v.DefinedEnum($"{prefix}.preferred_channel", victim.PreferredChannel, required: false);
        }
        if (Wanted("relationship_to_offender"))
        {
            v.MaxLength($"{prefix}.relationship_to_offender", victim.RelationshipToOffender, MaxRelationshipLength);
        }
        if (Wanted("contact_wishes"))
        {
            v.DefinedEnum($"{prefix}.contact_wishes", victim.ContactWishes);
        }
        if (Wanted("contact_wishes_note"))
        {
            v.MaxLength($"{prefix}.contact_wishes_note", victim.ContactWishesNote, MaxNoteLength);
        }
        if (Wanted("assessment_considerations"))
        {
            v.MaxLength($"{prefix}.assessment_considerations", victim.AssessmentConsiderations);
        }
        if (Wanted("safety_measures"))
        {
            v.MaxLength($"{prefix}.safety_measures", victim.SafetyMeasures);
        }
        v.ThrowIfInvalid();

        return new VictimDetails(
            new PersonName((victim.PersonName?.GivenNames ?? "").Trim(), (victim.PersonName?.FamilyName ?? "").Trim()),
            victim.Phone.Trim(),
            victim.Email.Trim(),
            victim.PostalAddress is { } a ? new VictimAddressRecord(a.Lines.Select(l => l.Trim()).ToArray(), a.Postcode.Trim().ToUpperInvariant()) : null,
            (VictimContactChannel)victim.PreferredChannel,
            victim.RelationshipToOffender.Trim(),
            (VictimContactWishes)victim.ContactWishes,
            victim.ContactWishesNote.Trim(),
            victim.AssessmentConsiderations.Trim(),
            victim.SafetyMeasures.Trim(),
            victim.ReviewNotificationRegistered);
    }

    /// <summary>The stored details with the masked fields taken from <paramref name="changes"/>.</summary>
    public static VictimDetails Merge(VictimDetails current, VictimDetails changes, IReadOnlySet<string> fields) => new(
        fields.Contains("person_name") ? changes.Name : current.Name,
        fields.Contains("phone") ? changes.Phone : current.Phone,
        fields.Contains("email") ? changes.Email : current.Email,
        fields.Contains("postal_address") ? changes.PostalAddress : current.PostalAddress,
        fields.Contains("preferred_channel") ? changes.PreferredChannel : current.PreferredChannel,
        fields.Contains("relationship_to_offender") ? changes.RelationshipToOffender : current.RelationshipToOffender,
        fields.Contains("contact_wishes") ? changes.ContactWishes : current.ContactWishes,
        fields.Contains("contact_wishes_note") ? changes.ContactWishesNote : current.ContactWishesNote,
        fields.Contains("assessment_considerations") ? changes.AssessmentConsiderations : current.AssessmentConsiderations,
        fields.Contains("safety_measures") ? changes.SafetyMeasures : current.SafetyMeasures,
        fields.Contains("review_notification_registered") ? changes.ReviewNotificationRegistered : current.ReviewNotificationRegistered);

    /// <summary>
    /// Checks the record as a whole: a means of contact unless the victim wants none, a written
    /// means for written-only wishes, and a preferred channel that is recorded and that the
    /// wishes allow (R-VI3).
    /// </summary>
    public static void EnsureConsistent(VictimDetails details, string prefix)
    {
        var v = new Validator();
        v.Check(details.ContactWishes == VictimContactWishes.NoContact || details.HasAnyMeansOfContact,
            prefix, "needs a phone, email or postal_address unless contact_wishes is NO_CONTACT");
        v.Check(details.ContactWishes != VictimContactWishes.WrittenOnly
                || details.CanBeReachedBy(VictimContactChannel.Email) || details.CanBeReachedBy(VictimContactChannel.Post),
            $"{prefix}.contact_wishes", "WRITTEN_ONLY needs an email or postal_address");
        if (details.PreferredChannel != VictimContactChannel.Unspecified)
        {
            v.Check(details.CanBeReachedBy(details.PreferredChannel), $"{prefix}.preferred_channel",
                "needs the matching phone, email or postal_address");
            v.Check(VictimContactWishesRule.AllowsChannel(details.ContactWishes, details.PreferredChannel), $"{prefix}.preferred_channel",
                "is not allowed by contact_wishes");
        }
        v.ThrowIfInvalid();
    }

    [GeneratedRegex(@"\A[0-9+() \-]{6,30}\z")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();

}
