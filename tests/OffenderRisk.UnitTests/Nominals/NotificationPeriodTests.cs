using OffenderRisk.Nominals.Domain;

namespace OffenderRisk.UnitTests.Nominals;

public sealed class NotificationPeriodTests
{
    private static readonly DateOnly AdultDob = new(1980, 6, 15);
    private static readonly DateOnly Convicted = new(2020, 3, 2);
    private static readonly DateOnly Sentenced = new(2020, 4, 1);

    private static NotificationPeriod For(Disposal disposal, int months, DateOnly? dob = null) =>
        NotificationPeriod.For(new SentenceRecord(Convicted, Sentenced, disposal, months), dob ?? AdultDob);

    [Theory]
    [InlineData(31)]
    [InlineData(30)]
    [InlineData(240)]
    public void R_NT1_custody_of_30_months_or_more_is_indefinite(int months)
    {
        var period = For(Disposal.Custody, months);
        Assert.True(period.Indefinite);
        Assert.Null(period.EndDate);
    }

    [Theory]
    [InlineData(Disposal.Custody, 29, 120)]
    [InlineData(Disposal.Custody, 7, 120)]
    [InlineData(Disposal.Custody, 6, 84)]
    [InlineData(Disposal.Custody, 1, 84)]
    [InlineData(Disposal.Caution, 0, 24)]
    [InlineData(Disposal.Other, 0, 60)]
    public void R_NT1_finite_periods_follow_the_sentence(Disposal disposal, int custodyMonths, int expectedMonths)
    {
        var period = For(disposal, custodyMonths);
        Assert.False(period.Indefinite);
        Assert.Equal(expectedMonths, period.PeriodMonths);
        Assert.Equal(Sentenced.AddMonths(expectedMonths), period.EndDate);
    }

    [Theory]
    [InlineData(Disposal.Custody, 12, 60)]
    [InlineData(Disposal.Custody, 3, 42)]
    [InlineData(Disposal.Caution, 0, 12)]
    [InlineData(Disposal.Other, 0, 30)]
    public void R_NT1_finite_periods_halve_for_under_18s_at_conviction(Disposal disposal, int custodyMonths, int expectedMonths)
    {
        var period = For(disposal, custodyMonths, dob: new DateOnly(2003, 3, 3)); // 16 at conviction
        Assert.True(period.Under18AtConviction);
        Assert.Equal(expectedMonths, period.PeriodMonths);
    }

    [Fact]
    public void R_NT1_a_person_turning_18_on_the_conviction_date_is_an_adult()
    {
        var period = For(Disposal.Other, 0, dob: new DateOnly(2002, 3, 2));
        Assert.False(period.Under18AtConviction);
        Assert.Equal(60, period.PeriodMonths);
    }

    [Fact]
    public void R_NT2_an_indefinite_adult_registrant_may_apply_for_review_after_15_years()
    {
        Assert.Equal(Sentenced.AddYears(15), For(Disposal.Custody, 48).ReviewEligibilityDate);
    }

    [Fact]
    public void R_NT2_an_indefinite_registrant_under_18_at_conviction_may_apply_after_8_years()
    {
        Assert.Equal(Sentenced.AddYears(8), For(Disposal.Custody, 48, dob: new DateOnly(2004, 1, 1)).ReviewEligibilityDate);
    }

    [Fact]
    public void R_NT2_finite_registrants_have_no_review_date()
    {
        Assert.Null(For(Disposal.Custody, 12).ReviewEligibilityDate);
    }

    [Theory]
    [InlineData("2020-03-01", "2020-04-01")]
    [InlineData("2020-04-01", "2020-04-01")]
    [InlineData("2020-04-02", "2021-04-01")]
    [InlineData("2026-11-27", "2027-04-01")]
    [InlineData("2026-04-01", "2026-04-01")]
    public void The_next_annual_notification_is_the_next_anniversary_of_the_start(string today, string expected)
    {
        var period = For(Disposal.Custody, 12);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            period.NextAnnualNotification(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(NominalCategory.RegisteredSexualOffender, true)]
    [InlineData(NominalCategory.ViolentOffender, false)]
    [InlineData(NominalCategory.PotentiallyDangerousPerson, false)]
    public void R_NT1_notification_binds_registered_sexual_offenders_only(NominalCategory category, bool applies)
    {
        Assert.Equal(applies, NotificationPeriod.AppliesTo(category));
    }
}
