using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Common.V1;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>A person's name as agencies send it: a surname and forenames.</summary>
internal sealed class NameAnswer
{
    public required string Surname { get; set; }
    public required List<string> Forenames { get; set; }
    public string? DateOfBirth { get; set; }
    public string? PlaceOfBirth { get; set; }

    public void Validate(AnswerCheck check, string field, bool dateOfBirthRequired = false)
    {
        check.Text(field + ".surname", Surname, 100);
        foreach (var forename in check.Items(field + ".forenames", Forenames, 10))
        {
            check.Text(field + ".forenames[]", forename, 100);
        }
        check.Date(field + ".dateOfBirth", DateOfBirth, optional: !dateOfBirthRequired);
        check.Text(field + ".placeOfBirth", PlaceOfBirth, 100, optional: true);
    }

    public PersonName ToName() => new() { FamilyName = Surname, GivenNames = string.Join(' ', Forenames) };
}

/// <summary>A marker an agency already holds on a document.</summary>
internal sealed class MarkerAnswer
{
    public required string MarkerId { get; set; }
    public required string MarkerType { get; set; }
    public DateTimeOffset? PlacedAt { get; set; }

    public void Validate(AnswerCheck check, string field)
    {
        check.Matches(field + ".markerId", MarkerId, Domain.AgencyIdentifiers.MarkerIdPattern());
        check.Code(field + ".markerType", MarkerType);
    }

    public Contracts.Identity.V1.AgencyMarker ToContract() => new()
    {
        MarkerId = MarkerId,
        MarkerType = MarkerType,
        PlaceTime = PlacedAt is { } t ? Timestamp.FromDateTimeOffset(t) : null,
    };
}

internal static class AnswerMapping
{
    public static CalendarDate? ToDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day }
            : null;

    public static Timestamp? ToTimestamp(DateTimeOffset? value) => value is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
