namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// A term as the court gave it: any of years, months, weeks and days (e.g. 2 years 6 months).
/// <para>
/// Comparing a term with "6 months" or "30 months" needs one convention when it is given in weeks
/// or days. Every term is measured in days with a year of 365.25 days and a month of 365.25/12
/// (30.4375) days, computed exactly in units of 1/48 day (a year is 17532 units, a month 1461, a
/// week 336, a day 48). So 26 weeks (182 days) is 6 months or less, 27 weeks is more; exactly
/// 6 months is 6 months or less and 6 months and a day is more; 2 years 6 months is exactly
/// 30 months. The same measure is deterministic whatever the date the term starts on.
/// </para>
/// </summary>
public sealed record SentenceTerm(int Years, int Months, int Weeks, int Days)
{
    private const long UnitsPerDay = 48;
    private const long UnitsPerWeek = 7 * UnitsPerDay;
    private const long UnitsPerYear = 17532; // 365.25 days
    private const long UnitsPerMonth = UnitsPerYear / 12; // 30.4375 days

    /// <summary>The most any part may be (a bound on hostile input, not a rule of law).</summary>
    public const int MaxPart = 1200;

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0;

    /// <summary>The term's length in 1/48 day (see the class comment).</summary>
    public long Units => (Years * UnitsPerYear) + (Months * UnitsPerMonth) + (Weeks * UnitsPerWeek) + (Days * UnitsPerDay);

    /// <summary>Whether the term is at most <paramref name="months"/> months long.</summary>
    public bool IsAtMostMonths(int months) => Units <= months * UnitsPerMonth;

    /// <summary>Whether the term is at least <paramref name="months"/> months long.</summary>
    public bool IsAtLeastMonths(int months) => Units >= months * UnitsPerMonth;

    /// <summary>The day the term ends when it starts on <paramref name="start"/>: a calendar addition (years, then months, then days).</summary>
    public DateOnly From(DateOnly start) => start.AddYears(Years).AddMonths(Months).AddDays((7 * Weeks) + Days);
}

/// <summary>
/// One qualifying event of the offence history (R-NT1): a conviction, a finding or a caution on
/// its relevant date (SOA 2003 s.82(6)). A conviction or finding has no disposal and no sentence
/// date while its sentence is pending; a caution is its own disposal and has no sentence.
/// </summary>
public sealed record QualifyingEventRecord(
    string Id,
    QualifyingEventKind Kind,
    DateOnly RelevantDate,
    OffenceClass OffenceClass,
    string OffenceDescription,
    Disposal Disposal,
    SentenceTerm? Term,
    DateOnly? SentenceDate,
    DateOnly? ReleaseDate,
    string RecordedBy,
    DateTimeOffset RecordTime)
{
    /// <summary>A conviction or finding whose sentence has not been recorded.</summary>
    public bool SentencePending => Kind != QualifyingEventKind.Caution && SentenceDate is null;

    /// <summary>A disposal that detains the person: custody of any kind, or a hospital order.</summary>
    public bool IsDetention => IsDetaining(Disposal);

    /// <summary>Detained and no release recorded yet.</summary>
    public bool Detained => IsDetention && ReleaseDate is null;

    public static bool IsDetaining(Disposal disposal) => disposal is Disposal.Custody or Disposal.LifeOrIndeterminate
        or Disposal.HospitalOrder or Disposal.HospitalOrderWithRestriction;

    /// <summary>Whether the disposal takes a term: custody (its length) and a conditional discharge (its period).</summary>
    public static bool TakesTerm(Disposal disposal) => disposal is Disposal.Custody or Disposal.ConditionalDischarge;
}

/// <summary>A notification the person made at a police station; <paramref name="NotifyDate"/> is its Europe/London date.</summary>
public sealed record NotificationEntry(string Id, NotificationKind Kind, DateTimeOffset NotifyTime, DateOnly NotifyDate, string RecordedBy);

/// <summary>
/// An indefinite registrant's application for review (R-NT2) and, once made, its decision.
/// <paramref name="QualifyingDate"/> is the date from which the person could apply, as it stood
/// when the application was recorded.
/// </summary>
public sealed record ReviewApplicationEntry(
    string Id,
    DateOnly ApplicationDate,
    DateOnly QualifyingDate,
    string RecordedBy,
    DateTimeOffset RecordTime,
    ReviewDecision Decision = ReviewDecision.Unspecified,
    DateOnly? DecisionDate = null,
    DateOnly? FurtherQualifyingDate = null,
    string Rationale = "",
    string DecidedBy = "")
{
    public bool Decided => Decision != ReviewDecision.Unspecified;
}

/// <summary>Qualifying event names: "nominals/{id}/qualifyingEvents/{event}".</summary>
public static class QualifyingEventNames
{
    public const string Collection = "qualifyingEvents";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, Collection, name);
}

/// <summary>Notification names: "nominals/{id}/notifications/{notification}".</summary>
public static class NotificationNames
{
    public const string Collection = "notifications";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";
}

/// <summary>Review application names: "nominals/{id}/reviewApplications/{application}".</summary>
public static class ReviewApplicationNames
{
    public const string Collection = "reviewApplications";

    public static string Format(string nominalId, string id) => $"{NominalNames.Format(nominalId)}/{Collection}/{id}";

    public static (string NominalId, string Id)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, Collection, name);
}
