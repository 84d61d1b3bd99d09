using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>The nominal's own management changes (R-AS5, R-MG2, R-ID1, R-RM4, R-AS10), called directly.</summary>
public sealed class NominalManagementTests
{
    // Friday 27 November 2026: 15 working days later (no bank holidays between) is Friday 18 December.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static ArmsSchedule Arms(NominalRules? rules = null) => new(new WorkingDayCalendar(), Options.Create(rules ?? new NominalRules()));

    private static NominalRecord Nominal(NominalCategory category = NominalCategory.RegisteredSexualOffender) =>
        IntelligenceRulesTests.Nominal("MO-1") with { Details = IntelligenceRulesTests.Nominal().Details with { Category = category } };

    [Fact]
    public void R_AS5_a_change_of_lead_agency_makes_an_ARMS_due_in_15_working_days_and_is_announced()
    {
        var (changed, events) = Nominal().ChangeLeadAgency(LeadAgency.Probation, "", "r", "MO-1", Now, Arms());

        Assert.Equal(new DateOnly(2026, 12, 18), changed.Management.ArmsDueDate);
        Assert.Equal(LeadAgency.Probation, changed.Management.LeadAgency);
        var e = Assert.Single(events);
        Assert.Equal(NominalEventType.LeadAgencyChanged, e.Type);
        Assert.Equal(changed.Management.ArmsDueDate, e.ArmsDueDate);
    }

    [Fact]
    public void R_AS5_the_ARMS_period_is_what_the_operator_configured()
    {
        var (changed, _) = Nominal().ChangeLeadAgency(LeadAgency.Probation, "", "r", "MO-1", Now, Arms(new NominalRules { ArmsWorkingDays = 5 }));

        Assert.Equal(new DateOnly(2026, 12, 4), changed.Management.ArmsDueDate);
    }

    [Fact]
    public void R_MG2_probation_leading_a_PDP_needs_a_managers_authority()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Nominal(NominalCategory.PotentiallyDangerousPerson).ChangeLeadAgency(LeadAgency.Probation, " ", "r", "MO-1", Now, Arms()));

        Assert.Equal("R-MG2", e.RuleId);
    }

    [Fact]
    public void R_AS5_more_than_six_weeks_from_conviction_to_sentence_makes_an_ARMS_due()
    {
        var convicted = new DateOnly(2026, 1, 1);
        var (gap, gapEvents) = Nominal().RecordSentence(new SentenceRecord(convicted, convicted.AddDays(43), Disposal.Other, 0), Now, Arms());
        var (noGap, noGapEvents) = Nominal().RecordSentence(new SentenceRecord(convicted, convicted.AddDays(42), Disposal.Other, 0), Now, Arms());

        Assert.Equal(new DateOnly(2026, 12, 18), gap.Management.ArmsDueDate);
        Assert.Equal("43", Assert.Single(gapEvents).Attributes!["gap_days"]);
        Assert.Null(noGap.Management.ArmsDueDate);
        Assert.Empty(noGapEvents);
    }

    [Fact]
    public void R_AS5_the_conviction_to_sentence_gap_is_what_the_operator_configured()
    {
        var convicted = new DateOnly(2026, 1, 1);
        var (_, events) = Nominal().RecordSentence(new SentenceRecord(convicted, convicted.AddDays(30), Disposal.Other, 0), Now,
            Arms(new NominalRules { ConvictionSentenceGapDays = 28 }));

        Assert.Equal(NominalEventType.ConvictionSentenceGap, Assert.Single(events).Type);
    }

    [Fact]
    public void R_RM4_reactive_management_needs_a_supervisor()
    {
        var e = Assert.Throws<RuleViolationException>(() => Nominal().ChangeStatus(ManagementStatus.Reactive, "r", actorIsSupervisor: false, DateOnly.FromDateTime(Now.UtcDateTime)));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Fact]
    public void R_ID1_a_nominal_without_an_officer_cannot_be_managed()
    {
        var unassigned = IntelligenceRulesTests.Nominal(officer: "") with { Status = ManagementStatus.Pending };

        var e = Assert.Throws<RuleViolationException>(() => unassigned.ChangeStatus(ManagementStatus.Active, "", actorIsSupervisor: true, DateOnly.FromDateTime(Now.UtcDateTime)));

        Assert.Equal("R-ID1", e.RuleId);
    }

    [Fact]
    public void R_AS10_a_risk_to_children_conclusion_needs_its_information_sources()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Nominal().RecordRiskToChildren(RiskToChildrenConclusion.NoIdentifiedRisk, [" "], "r", "MO-1", Now));

        Assert.Equal("R-AS10", e.RuleId);
    }

    [Fact]
    public void Supervisors_work_items_are_addressed_to_the_supervisor_token_role()
    {
        Assert.Equal(Roles.Supervisor, WorkItemRoute.SupervisorRole);
    }
}
