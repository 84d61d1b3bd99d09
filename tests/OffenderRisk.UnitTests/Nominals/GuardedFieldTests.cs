using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>The guarded fields, category and date of birth: a reason, history, and every dependent rule checked again (R-NT1, R-MG1, R-MG2).</summary>
public sealed class GuardedFieldTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static NominalRecord Nominal(NominalCategory category = NominalCategory.RegisteredSexualOffender) =>
        IntelligenceRulesTests.Nominal("MO-1") with { Details = IntelligenceRulesTests.Nominal().Details with { Category = category } };

    /// <summary>The nominal with a sexual offence convicted on <paramref name="convicted"/> and sentenced 20 days later.</summary>
    internal static NominalRecord Sentenced(NominalRecord n, DateOnly convicted, Disposal disposal, int custodyMonths = 0) =>
        n with
        {
            Management = n.Management with
            {
                OffenceHistory =
                [
                    new QualifyingEventRecord("event-1", disposal == Disposal.Caution ? QualifyingEventKind.Caution : QualifyingEventKind.Conviction,
                        convicted, OffenceClass.Sexual, "fictional test offence", disposal,
                        custodyMonths > 0 ? new SentenceTerm(0, custodyMonths, 0, 0) : null, convicted.AddDays(20), null, "MO-1", Now),
                ],
            },
        };

    private static NominalRecord WithMappa(NominalRecord n, int category) =>
        n.SetMappa(category, 1, "MAPPA meeting", Today, "MO-1", Now, MappaReviewTests.Schedule()).Nominal;

    private static NominalRecord LedBy(NominalRecord n, LeadAgency agency) =>
        n with { Management = n.Management with { LeadAgency = agency } };

    [Fact]
    public void R_NT1_a_registered_sexual_offender_on_indefinite_notification_cannot_stop_being_one()
    {
        var indefinite = Sentenced(Nominal(), new DateOnly(2015, 3, 2), Disposal.Custody, custodyMonths: 36);

        var e = Assert.Throws<RuleViolationException>(() => indefinite.ChangeCategory(NominalCategory.ViolentOffender, "reclassified", "", "SGT-1", Now));

        Assert.Equal(("R-NT1", "category"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_NT1_a_registered_sexual_offender_whose_notification_has_ended_may_change_category()
    {
        // A caution in 2010: two years' notification, long over.
        var expired = Sentenced(Nominal(), new DateOnly(2010, 3, 2), Disposal.Caution);

        var changed = expired.ChangeCategory(NominalCategory.ViolentOffender, "notification ended; violent offending", "", "SGT-1", Now);

        Assert.Equal(NominalCategory.ViolentOffender, changed.Nominal.Details.Category);
    }

    [Fact]
    public void R_MG1_a_change_away_from_registered_sexual_offender_is_refused_while_MAPPA_category_1_is_set()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            WithMappa(Nominal(), 1).ChangeCategory(NominalCategory.ViolentOffender, "reclassified", "", "SGT-1", Now));

        Assert.Equal(("R-MG1", "category"), (e.RuleId, e.Field));
    }

    [Theory]
    [InlineData(NominalCategory.ViolentOffender)]
    [InlineData(NominalCategory.PotentiallyDangerousPerson)]
    public void R_MG1_MAPPA_category_1_is_refused_for_a_nominal_who_is_not_a_registered_sexual_offender(NominalCategory category)
    {
        var e = Assert.Throws<RuleViolationException>(() => Nominal(category).SetMappa(1, 1, "MAPPA meeting", Today, "MO-1", Now, MappaReviewTests.Schedule()));

        Assert.Equal(("R-MG1", "category"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_MG1_MAPPA_category_2_is_accepted_for_a_violent_offender()
    {
        Assert.Equal(2, Nominal(NominalCategory.ViolentOffender).SetMappa(2, 1, "MAPPA meeting", Today, "MO-1", Now, MappaReviewTests.Schedule()).Nominal.Management.Mappa!.Category);
    }

    [Theory]
    [InlineData(LeadAgency.Probation)]
    [InlineData(LeadAgency.Prison)]
    public void R_MG2_becoming_a_PDP_while_probation_or_prison_leads_needs_a_managers_authority(LeadAgency agency)
    {
        var led = LedBy(Nominal(NominalCategory.ViolentOffender), agency);

        var e = Assert.Throws<RuleViolationException>(() => led.ChangeCategory(NominalCategory.PotentiallyDangerousPerson, "no conviction", " ", "SGT-1", Now));
        var changed = led.ChangeCategory(NominalCategory.PotentiallyDangerousPerson, "no conviction", "DI TESTMANAGER", "SGT-1", Now);

        Assert.Equal(("R-MG2", "manager_authority"), (e.RuleId, e.Field));
        Assert.Equal("DI TESTMANAGER", Assert.Single(changed.Nominal.Management.GuardedFieldHistory).ManagerAuthority);
    }

    [Fact]
    public void R_MG2_becoming_a_PDP_under_police_lead_needs_no_authority()
    {
        var changed = LedBy(Nominal(NominalCategory.ViolentOffender), LeadAgency.Police)
            .ChangeCategory(NominalCategory.PotentiallyDangerousPerson, "no conviction", "", "SGT-1", Now);

        Assert.Equal(NominalCategory.PotentiallyDangerousPerson, changed.Nominal.Details.Category);
    }

    [Fact]
    public void A_category_change_keeps_its_history_and_goes_on_the_feed_with_both_categories()
    {
        var changed = Nominal(NominalCategory.ViolentOffender).ChangeCategory(NominalCategory.RegisteredSexualOffender, " convicted of a sexual offence ", "", "SGT-1", Now);

        var entry = Assert.Single(changed.Nominal.Management.GuardedFieldHistory);
        Assert.Equal((GuardedFields.Category, "convicted of a sexual offence", "SGT-1", Now), (entry.Field, entry.Reason, entry.ChangedBy, entry.ChangeTime));
        Assert.Equal((NominalRecord.CategoryText(NominalCategory.ViolentOffender), NominalRecord.CategoryText(NominalCategory.RegisteredSexualOffender)),
            (entry.PreviousValue, entry.NewValue));
        var e = Assert.Single(changed.Events);
        Assert.Equal(NominalEventType.CategoryChanged, e.Type);
        Assert.Equal(new Dictionary<string, string>
        {
            ["category"] = "NOMINAL_CATEGORY_REGISTERED_SEXUAL_OFFENDER",
            ["previous_category"] = "NOMINAL_CATEGORY_VIOLENT_OFFENDER",
        }, ChangeFeed.AttributesOf(e));
    }

    [Fact]
    public void The_same_category_is_no_change()
    {
        var e = Assert.Throws<PreconditionFailedException>(() => Nominal().ChangeCategory(NominalCategory.RegisteredSexualOffender, "r", "", "SGT-1", Now));

        Assert.Equal("NO_CHANGE", e.Reason);
    }

    [Fact]
    public void R_NT1_a_date_of_birth_after_a_qualifying_events_relevant_date_is_refused()
    {
        var convicted = Sentenced(Nominal(), new DateOnly(2000, 6, 1), Disposal.CommunityOrder);

        var e = Assert.Throws<RuleViolationException>(() => convicted.CorrectDateOfBirth(new DateOnly(2000, 6, 2), "typo", "SGT-1", Now));
        var onTheDay = convicted.CorrectDateOfBirth(new DateOnly(2000, 6, 1), "typo", "SGT-1", Now);

        Assert.Equal(("R-NT1", "date_of_birth"), (e.RuleId, e.Field));
        Assert.Equal(new DateOnly(2000, 6, 1), onTheDay.Nominal.Details.DateOfBirth);
    }

    [Fact]
    public void A_corrected_date_of_birth_keeps_both_dates_and_the_reason_in_the_history()
    {
        var corrected = Nominal().CorrectDateOfBirth(new DateOnly(1971, 2, 28), "birth certificate seen", "SGT-1", Now).Nominal;

        var entry = Assert.Single(corrected.Management.GuardedFieldHistory);
        Assert.Equal((GuardedFields.DateOfBirth, "1970-01-01", "1971-02-28", "birth certificate seen"), (entry.Field, entry.PreviousValue, entry.NewValue, entry.Reason));
    }

    [Theory]
    [InlineData("category")]
    [InlineData("date_of_birth")]
    public void An_update_of_details_refuses_a_guarded_field_naming_its_own_rpc(string field)
    {
        var n = Nominal();

        var e = Assert.Throws<ValidationFailedException>(() => n.UpdateDetails(n.Details, new HashSet<string> { "visor_reference", field }));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("update_mask", problem.Field);
        Assert.Contains(NominalRecord.GuardedFieldRpc(field), problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_of_name_aliases_date_of_birth_or_PNC_id_is_a_change_of_identity_and_nothing_else_is()
    {
        var d = Nominal().Details;

        Assert.False(NominalRecord.IdentityChanged(d, d with { VisorReference = "TEST/1", Aliases = [] }));
        Assert.True(NominalRecord.IdentityChanged(d, d with { PrimaryName = new("Bravo", "TESTPERSON") }));
        Assert.True(NominalRecord.IdentityChanged(d, d with { Aliases = [new("A", "ALIAS")] }));
        Assert.True(NominalRecord.IdentityChanged(d, d with { DateOfBirth = d.DateOfBirth.AddDays(1) }));
        Assert.True(NominalRecord.IdentityChanged(d, d with { PncId = "99/1234567X" }));
    }

    [Fact]
    public void The_check_of_a_running_notification_counts_from_today()
    {
        // A community order (five years from the conviction) on 2022-01-10.
        var n = Sentenced(Nominal(), new DateOnly(2022, 1, 10), Disposal.CommunityOrder);

        Assert.True(n.IsNotifiableForSexualOffence(Today));
        Assert.True(n.IsNotifiableForSexualOffence(new DateOnly(2027, 1, 10)));
        Assert.False(n.IsNotifiableForSexualOffence(new DateOnly(2027, 1, 11)));
    }
}
