namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The notification period one qualifying event imposes under the Sexual Offences Act 2003 s.82
/// (R-NT1), running from the event's relevant date (the date of conviction, finding or caution,
/// s.82(6)), never the sentence date:
/// <list type="bullet">
/// <item>custody of 30 months or more, life or an indeterminate sentence, a hospital order with a
/// restriction order: indefinite;</item>
/// <item>custody of more than 6 and less than 30 months: 10 years;</item>
/// <item>custody of 6 months or less, or a hospital order without restriction: 7 years;</item>
/// <item>a caution: 2 years;</item>
/// <item>a conditional discharge: the period of the discharge;</item>
/// <item>anything else (community order, fine, ...): 5 years.</item>
/// </list>
/// A person under 18 on the relevant date has half of the 10, 7, 5 and 2-year periods
/// (s.82(2)). The statute halves only those four: the period of a conditional discharge is not
/// halved, though the rulebook's summary says "finite periods halve"; the statute is followed.
/// Terms compare with 6 and 30 months as <see cref="SentenceTerm"/> measures them. The end date is
/// the relevant date plus the period by calendar addition (a period from 29 February ends on
/// 28 February in a year that is not a leap year).
/// </summary>
public sealed record NotificationPeriod(bool Indefinite, DateOnly? EndDate, bool Under18OnRelevantDate)
{
    /// <summary>Custody of this many months or more is indefinite.</summary>
    public const int IndefiniteCustodyMonths = 30;

    /// <summary>Custody of this many months or less is 7 years; more is 10.</summary>
    public const int ShortCustodyMonths = 6;

    /// <summary>Notification (SOA 2003 Part 2) binds registered sexual offenders only, not violent offenders or PDPs.</summary>
    public static bool AppliesTo(NominalCategory category) => category == NominalCategory.RegisteredSexualOffender;

    /// <summary>The period the event imposes on a person born on <paramref name="dateOfBirth"/>; null while its sentence is pending.</summary>
    public static NotificationPeriod? For(QualifyingEventRecord e, DateOnly dateOfBirth)
    {
        if (e.SentencePending)
        {
            return null;
        }
        var under18 = PersonAge.IsUnder18On(dateOfBirth, e.RelevantDate);
        var start = e.RelevantDate;
        var term = e.Term ?? new SentenceTerm(0, 0, 0, 0);
        NotificationPeriod Halvable(int years) =>
            new(false, start.AddMonths(under18 ? years * 6 : years * 12), under18);
        return e.Disposal switch
        {
            Disposal.LifeOrIndeterminate or Disposal.HospitalOrderWithRestriction => new(true, null, under18),
            Disposal.Custody when term.IsAtLeastMonths(IndefiniteCustodyMonths) => new(true, null, under18),
            Disposal.Custody when term.IsAtMostMonths(ShortCustodyMonths) => Halvable(7),
            Disposal.Custody => Halvable(10),
            Disposal.HospitalOrder => Halvable(7),
            Disposal.Caution => Halvable(2),
            // s.82(1) table: "the period of conditional discharge"; s.82(2) does not halve it.
            Disposal.ConditionalDischarge => new(false, term.From(start), under18),
            _ => Halvable(5),
        };
    }
}
