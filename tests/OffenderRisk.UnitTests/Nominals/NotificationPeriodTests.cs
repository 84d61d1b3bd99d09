using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Time;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// R-NT1 (SOA 2003 s.82): the period each qualifying event imposes, from its relevant date, with
/// hand-computed end dates. Relevant date 2020-03-02 unless a test says otherwise.
/// </summary>
public sealed class NotificationPeriodTests
{
    private static readonly DateOnly AdultDob = new(1980, 6, 15);
    private static readonly DateOnly Convicted = new(2020, 3, 2);

    internal static QualifyingEventRecord Event(Disposal disposal, SentenceTerm? term = null, DateOnly? relevant = null,
        QualifyingEventKind kind = QualifyingEventKind.Conviction, DateOnly? sentenced = null, DateOnly? released = null, string id = "e1",
        OffenceClass offenceClass = OffenceClass.Sexual)
    {
        var r = relevant ?? Convicted;
        return new QualifyingEventRecord(id, disposal == Disposal.Caution ? QualifyingEventKind.Caution : kind, r, offenceClass, "s.9 SOA 2003 (fictional)",
            disposal, term, disposal is Disposal.Caution or Disposal.Unspecified ? sentenced : sentenced ?? r.AddDays(28), released, "MO-1", DateTimeOffset.UnixEpoch);
    }

    private static SentenceTerm Months(int months) => new(0, months, 0, 0);

    private static NotificationPeriod For(QualifyingEventRecord e, DateOnly? dob = null) => NotificationPeriod.For(e, dob ?? AdultDob)!;

    private static void AssertEnds(NotificationPeriod p, int year, int month, int day)
    {
        Assert.False(p.Indefinite);
        Assert.Equal(new DateOnly(year, month, day), p.EndDate);
    }

    [Fact]
    public void R_NT1_a_custodial_term_of_26_weeks_is_six_months_or_less_and_gives_7_years() =>
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 26, 0))), 2027, 3, 2);

    [Fact]
    public void R_NT1_a_custodial_term_of_27_weeks_is_more_than_six_months_and_gives_10_years() =>
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 27, 0))), 2030, 3, 2);

    [Fact]
    public void R_NT1_exactly_six_months_custody_gives_7_years() =>
        AssertEnds(For(Event(Disposal.Custody, Months(6))), 2027, 3, 2);

    [Fact]
    public void R_NT1_six_months_and_a_day_of_custody_gives_10_years() =>
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 6, 0, 1))), 2030, 3, 2);

    [Fact]
    public void R_NT1_182_days_is_six_months_or_less_and_183_days_is_more()
    {
        // 6 months is 182.625 days by the convention (a month is 365.25/12 days).
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 0, 182))), 2027, 3, 2);
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 0, 183))), 2030, 3, 2);
    }

    [Fact]
    public void R_NT1_exactly_30_months_custody_is_indefinite() =>
        Assert.True(For(Event(Disposal.Custody, Months(30))).Indefinite);

    [Fact]
    public void R_NT1_two_years_six_months_custody_is_exactly_30_months_and_indefinite()
    {
        var p = For(Event(Disposal.Custody, new SentenceTerm(2, 6, 0, 0)));
        Assert.True(p.Indefinite);
        Assert.Null(p.EndDate);
    }

    [Fact]
    public void R_NT1_just_under_30_months_gives_10_years()
    {
        AssertEnds(For(Event(Disposal.Custody, Months(29))), 2030, 3, 2);
        // 130 weeks is 910 days, less than 30 months (913.125 days); 131 weeks (917 days) is more.
        AssertEnds(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 130, 0))), 2030, 3, 2);
        Assert.True(For(Event(Disposal.Custody, new SentenceTerm(0, 0, 131, 0))).Indefinite);
    }

    [Theory]
    [InlineData(Disposal.LifeOrIndeterminate)]
    [InlineData(Disposal.HospitalOrderWithRestriction)]
    public void R_NT1_life_indeterminate_and_a_restricted_hospital_order_are_indefinite(Disposal disposal) =>
        Assert.True(For(Event(disposal)).Indefinite);

    [Fact]
    public void R_NT1_a_hospital_order_without_restriction_gives_7_years() =>
        AssertEnds(For(Event(Disposal.HospitalOrder)), 2027, 3, 2);

    [Fact]
    public void R_NT1_a_caution_gives_2_years_from_the_caution() =>
        AssertEnds(For(Event(Disposal.Caution)), 2022, 3, 2);

    [Theory]
    [InlineData(Disposal.CommunityOrder)]
    [InlineData(Disposal.Other)]
    public void R_NT1_any_other_disposal_gives_5_years(Disposal disposal) =>
        AssertEnds(For(Event(disposal)), 2025, 3, 2);

    [Fact]
    public void R_NT1_a_conditional_discharge_lasts_the_period_of_the_discharge()
    {
        AssertEnds(For(Event(Disposal.ConditionalDischarge, new SentenceTerm(3, 0, 0, 0))), 2023, 3, 2);
        AssertEnds(For(Event(Disposal.ConditionalDischarge, Months(18))), 2021, 9, 2);
    }

    [Fact]
    public void R_NT1_the_period_runs_from_the_conviction_not_the_sentence()
    {
        // The case: convicted 2024-01-02, sentenced 2024-05-20 to a community order.
        var e = Event(Disposal.CommunityOrder, relevant: new DateOnly(2024, 1, 2), sentenced: new DateOnly(2024, 5, 20));
        AssertEnds(For(e), 2029, 1, 2);
    }

    [Fact]
    public void R_NT1_a_sentence_still_pending_has_no_period_yet() =>
        Assert.Null(NotificationPeriod.For(Event(Disposal.Unspecified), AdultDob));

    [Fact]
    public void R_NT1_finite_periods_halve_for_a_person_under_18_on_the_relevant_date()
    {
        // 17 on 2020-03-02: the 18th birthday is the next day.
        var youth = new DateOnly(2002, 3, 3);
        AssertEnds(For(Event(Disposal.Custody, Months(12)), youth), 2025, 3, 2); // 10 years -> 5
        AssertEnds(For(Event(Disposal.Custody, Months(3)), youth), 2023, 9, 2); // 7 years -> 3 years 6 months
        AssertEnds(For(Event(Disposal.HospitalOrder), youth), 2023, 9, 2);
        AssertEnds(For(Event(Disposal.CommunityOrder), youth), 2022, 9, 2); // 5 years -> 2 years 6 months
        AssertEnds(For(Event(Disposal.Caution), youth), 2021, 3, 2); // 2 years -> 1
        Assert.True(For(Event(Disposal.Custody, Months(36)), youth).Indefinite);
        Assert.True(For(Event(Disposal.CommunityOrder), youth).Under18OnRelevantDate);
    }

    [Fact]
    public void R_NT1_a_conditional_discharge_is_not_halved_for_an_under_18()
    {
        // s.82(2) halves the 10, 7, 5 and 2-year periods only; the statute is followed over the rulebook's summary.
        AssertEnds(For(Event(Disposal.ConditionalDischarge, new SentenceTerm(2, 0, 0, 0)), new DateOnly(2002, 3, 3)), 2022, 3, 2);
    }

    [Fact]
    public void R_NT1_a_person_is_not_under_18_on_their_18th_birthday()
    {
        var dob = new DateOnly(2002, 3, 2);
        var onBirthday = For(Event(Disposal.CommunityOrder), dob);
        Assert.False(onBirthday.Under18OnRelevantDate);
        AssertEnds(onBirthday, 2025, 3, 2);

        var dayBefore = For(Event(Disposal.CommunityOrder, relevant: new DateOnly(2020, 3, 1)), dob);
        Assert.True(dayBefore.Under18OnRelevantDate);
        AssertEnds(dayBefore, 2022, 9, 1);
    }

    [Fact]
    public void R_NT1_a_person_born_on_29_February_turns_18_on_1_March_in_a_year_that_is_not_a_leap_year()
    {
        var dob = new DateOnly(2004, 2, 29);
        var on28February = For(Event(Disposal.CommunityOrder, relevant: new DateOnly(2022, 2, 28)), dob);
        Assert.True(on28February.Under18OnRelevantDate);
        AssertEnds(on28February, 2024, 8, 28);

        var on1March = For(Event(Disposal.CommunityOrder, relevant: new DateOnly(2022, 3, 1)), dob);
        Assert.False(on1March.Under18OnRelevantDate);
        AssertEnds(on1March, 2027, 3, 1);
    }

    [Fact]
    public void Ages_count_29_February_birthdays_from_1_March_in_common_years()
    {
        var dob = new DateOnly(2004, 2, 29);
        Assert.Equal(17, PersonAge.On(dob, new DateOnly(2022, 2, 28)));
        Assert.Equal(18, PersonAge.On(dob, new DateOnly(2022, 3, 1)));
        Assert.Equal(18, PersonAge.On(dob, new DateOnly(2023, 2, 28))); // 19 only from 1 March 2023
        Assert.Equal(20, PersonAge.On(dob, new DateOnly(2024, 2, 29)));
        Assert.Equal(19, PersonAge.On(dob, new DateOnly(2024, 2, 28)));
    }

    [Fact]
    public void R_NT1_a_period_from_29_February_ends_on_28_February() =>
        AssertEnds(For(Event(Disposal.Caution, relevant: new DateOnly(2024, 2, 29))), 2026, 2, 28);

    [Theory]
    [InlineData(NominalCategory.RegisteredSexualOffender, true)]
    [InlineData(NominalCategory.ViolentOffender, false)]
    [InlineData(NominalCategory.PotentiallyDangerousPerson, false)]
    public void R_NT1_notification_applies_to_registered_sexual_offenders_only(NominalCategory category, bool applies) =>
        Assert.Equal(applies, NotificationPeriod.AppliesTo(category));
}
