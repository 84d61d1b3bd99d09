namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// Notification requirements under the Sexual Offences Act 2003 s.82 (R-NT1) and the right of an
/// indefinite registrant to apply for review (R-NT2), computed from the sentence.
/// <para>
/// Boundaries follow the statute, which the rulebook summarises: custody of 30 months or more is
/// indefinite; more than 6 and less than 30 months is 10 years; 6 months or less is 7 years; a
/// caution 2 years; any other disposal 5 years. Finite periods halve for a person under 18 at
/// conviction. The period runs from the sentence (or caution) date; review eligibility is 15
/// years from it (8 for under-18s).
/// </para>
/// </summary>
public sealed record NotificationPeriod(bool Indefinite, int PeriodMonths, DateOnly Start, DateOnly? EndDate, DateOnly? ReviewEligibilityDate, bool Under18AtConviction)
{
    public const int IndefiniteCustodyMonths = 30;

    /// <summary>Notification (SOA 2003 Part 2) binds registered sexual offenders only, not violent offenders or PDPs.</summary>
    public static bool AppliesTo(NominalCategory category) => category == NominalCategory.RegisteredSexualOffender;

    public static NotificationPeriod For(SentenceRecord sentence, DateOnly dateOfBirth)
    {
        var under18 = AgeOn(dateOfBirth, sentence.ConvictionDate) < 18;
        var start = sentence.SentenceDate;
        if (sentence.Disposal == Disposal.Custody && sentence.CustodyMonths >= IndefiniteCustodyMonths)
        {
            return new NotificationPeriod(true, 0, start, null, start.AddYears(under18 ? 8 : 15), under18);
        }
        var months = sentence.Disposal switch
        {
            Disposal.Custody when sentence.CustodyMonths > 6 => 120,
            Disposal.Custody => 84,
            Disposal.Caution => 24,
            _ => 60,
        };
        if (under18)
        {
            months /= 2;
        }
        return new NotificationPeriod(false, months, start, start.AddMonths(months), null, under18);
    }

    /// <summary>The next yearly notification on or after <paramref name="today"/>: an anniversary of the start.</summary>
    public DateOnly NextAnnualNotification(DateOnly today)
    {
        if (today <= Start)
        {
            return Start;
        }
        var years = today.Year - Start.Year;
        var candidate = Start.AddYears(years);
        return candidate >= today ? candidate : Start.AddYears(years + 1);
    }

    public static int AgeOn(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > day ? age - 1 : age;
    }
}
