using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults.Security;
using DomainName = OffenderRisk.Nominals.Domain.PersonName;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>Routing (R-ID2, R-ID3), significant change (R-RM6) and non-cooperation (R-MG7), called directly.</summary>
public sealed class IntelligenceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    internal static NominalRecord Nominal(string officer = "", string force = "XA") => new(
        Guid.CreateVersion7().ToString("D"), force,
        new NominalDetails(new DomainName("Alpha", "TESTPERSON"), [], new DateOnly(1970, 1, 1), Gender.Male, "", "", NominalCategory.RegisteredSexualOffender, []),
        ManagementStatus.Active, Now, Now, 1, NominalManagement.None with { MosovoOfficer = officer });

    [Fact]
    public void R_ID2_intelligence_goes_to_the_nominals_officer()
    {
        var items = IntelligenceRouter.WorkItemsFor(Nominal("MO-1"), riskOfSeriousHarm: false);

        var only = Assert.Single(items);
        Assert.Equal(new WorkItemRoute(WorkQueue.Officer, "MO-1", ""), only.Route);
        Assert.False(only.Urgent);
        Assert.Equal(IntelligenceRouting.Officer, IntelligenceRouter.Outcome(items, recorderIsOwningForce: true));
    }

    [Fact]
    public void R_ID2_without_an_officer_intelligence_goes_to_the_unassigned_queue()
    {
        var items = IntelligenceRouter.WorkItemsFor(Nominal(officer: ""), riskOfSeriousHarm: false);

        Assert.Equal(WorkQueue.Unassigned, Assert.Single(items).Route.Queue);
        Assert.Equal("", items[0].Route.Assignee);
        Assert.Equal(IntelligenceRouting.UnassignedQueue, IntelligenceRouter.Outcome(items, recorderIsOwningForce: true));
    }

    [Fact]
    public void R_ID3_risk_of_serious_harm_is_urgent_for_the_officer_and_the_supervisors()
    {
        var items = IntelligenceRouter.WorkItemsFor(Nominal("MO-1"), riskOfSeriousHarm: true);

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.True(i.Urgent));
        Assert.Equal(WorkQueue.Officer, items[0].Route.Queue);
        Assert.Equal(new WorkItemRoute(WorkQueue.Supervisors, "", "supervisor"), items[1].Route);
    }

    [Fact]
    public void R_RM6_a_significant_change_needs_an_action()
    {
        var e = Assert.Throws<RuleViolationException>(() => SignificantChange.CheckActions(ChangeSignificance.Significant, [], "assessment.actions"));
        Assert.Equal("R-RM6", e.RuleId);
        Assert.Equal("assessment.actions", e.Field);
    }

    [Fact]
    public void R_RM6_no_action_does_not_suit_a_significant_change_nor_combine_with_others()
    {
        Assert.Throws<RuleViolationException>(() => SignificantChange.CheckActions(ChangeSignificance.Significant, [AssessmentAction.NoAction], "a"));
        Assert.Throws<RuleViolationException>(() => SignificantChange.CheckActions(ChangeSignificance.NotSignificant, [AssessmentAction.NoAction, AssessmentAction.PhoneCall], "a"));
    }

    [Theory]
    [InlineData(ChangeSignificance.NotSignificant)]
    [InlineData(ChangeSignificance.Significant)]
    public void R_RM6_actions_that_suit_the_significance_are_accepted(ChangeSignificance significance)
    {
        SignificantChange.CheckActions(significance, [AssessmentAction.HomeVisitUnannounced, AssessmentAction.AgencyEnquiries], "a");
        if (significance == ChangeSignificance.NotSignificant)
        {
            SignificantChange.CheckActions(significance, [], "a");
            SignificantChange.CheckActions(significance, [AssessmentAction.NoAction], "a");
        }
    }

    [Fact]
    public void R_RM6_only_the_officer_or_a_supervisor_may_assess()
    {
        var nominal = Nominal("MO-1", force: "XA");

        Assert.True(SignificantChange.MayAssess(nominal, new StaffMember("MO-1", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
        Assert.True(SignificantChange.MayAssess(nominal, new StaffMember("SUP-1", "XA", IsSupervisor: true, IsMosovoOfficer: false)));
        Assert.False(SignificantChange.MayAssess(nominal, new StaffMember("MO-2", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
        Assert.False(SignificantChange.MayAssess(Nominal(""), new StaffMember("", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
    }

    [Fact]
    public void R_RM6_a_significant_change_flags_the_nominal_for_review()
    {
        var m = SignificantChange.Apply(NominalManagement.None);

        Assert.True(m.FlaggedForReview);
        Assert.Equal(SignificantChange.ReviewFlagReason, m.ReviewFlagReason);
    }

    [Fact]
    public void R_AS5_periods_default_to_the_rulebook_15_working_days_and_six_weeks()
    {
        var rules = new NominalRules();

        Assert.Equal(15, rules.ArmsWorkingDays);
        Assert.Equal(42, rules.ConvictionSentenceGapDays);
    }

    [Fact]
    public void R_MG7_non_cooperation_flags_the_nominal_for_review_naming_the_kind()
    {
        var m = NonCooperationReview.Flag(NominalManagement.None, NonCooperationKind.RefusedEntry);

        Assert.True(m.FlaggedForReview);
        Assert.Equal("non-cooperation (R-MG7): refused entry", m.ReviewFlagReason);
    }
}
