using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>The nominal's own management changes (R-AS5, R-MG2, R-ID1, R-RM4), called directly.</summary>
public sealed class NominalManagementTests
{
    // Friday 27 November 2026: 15 working days later (no bank holidays between) is Friday 18 December.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static ArmsSchedule Arms(NominalRules? rules = null) => new(new WorkingDayCalendar(), Options.Create(rules ?? new NominalRules()));

    private static NominalRecord Nominal(NominalCategory category = NominalCategory.RegisteredSexualOffender) =>
        IntelligenceRulesTests.Nominal("MO-1") with { Details = IntelligenceRulesTests.Nominal().Details with { Category = category } };

    private static NominalRecord PoliceLed() =>
        Nominal().ChangeLeadAgency(LeadAgency.Police, "", "first setting", "MO-1", Now, Today, Arms()).Nominal;

    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void R_AS5_a_change_of_lead_agency_raises_an_ARMS_obligation_15_working_days_after_the_effective_date()
    {
        var (changed, events, ledger, _) = PoliceLed().ChangeLeadAgency(LeadAgency.Probation, "", "r", "MO-1", Now, Today, Arms());

        var raised = Assert.IsType<RaiseObligation>(Assert.Single(ledger!));
        Assert.Equal(ObligationKind.Arms, raised.Kind);
        Assert.Equal(new DateOnly(2026, 12, 18), raised.DueDate);
        Assert.Equal(Today, raised.TriggerDate);
        Assert.Equal(LeadAgency.Probation, changed.Management.LeadAgency);
        var e = Assert.Single(events);
        Assert.Equal(NominalEventType.LeadAgencyChanged, e.Type);
        Assert.Equal(raised.DueDate, e.ArmsDueDate);
    }

    [Fact]
    public void R_AS5_the_first_setting_of_a_lead_agency_raises_no_ARMS_obligation()
    {
        var first = Nominal().ChangeLeadAgency(LeadAgency.Police, "", "r", "MO-1", Now, Today, Arms());

        Assert.Empty(first.LedgerEntries);
        Assert.Null(Assert.Single(first.Events).ArmsDueDate);
    }

    [Fact]
    public void R_AS5_each_change_of_lead_agency_raises_its_own_obligation()
    {
        var toProbation = PoliceLed().ChangeLeadAgency(LeadAgency.Probation, "", "r", "MO-1", Now, Today, Arms());
        var back = toProbation.Nominal.ChangeLeadAgency(LeadAgency.Police, "", "r", "MO-1", Now, Today.AddDays(7), Arms());

        var first = Assert.IsType<RaiseObligation>(Assert.Single(toProbation.LedgerEntries));
        var second = Assert.IsType<RaiseObligation>(Assert.Single(back.LedgerEntries));
        Assert.NotEqual(first.TriggerKey, second.TriggerKey);
    }

    [Fact]
    public void R_AS5_the_ARMS_period_is_what_the_operator_configured()
    {
        var changed = PoliceLed().ChangeLeadAgency(LeadAgency.Probation, "", "r", "MO-1", Now, Today, Arms(new NominalRules { ArmsWorkingDays = 5 }));

        Assert.Equal(new DateOnly(2026, 12, 4), Assert.IsType<RaiseObligation>(Assert.Single(changed.LedgerEntries)).DueDate);
    }

    [Fact]
    public void R_MG2_probation_leading_a_PDP_needs_a_managers_authority()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Nominal(NominalCategory.PotentiallyDangerousPerson).ChangeLeadAgency(LeadAgency.Probation, " ", "r", "MO-1", Now, Today, Arms()));

        Assert.Equal("R-MG2", e.RuleId);
    }

    [Fact]
    public void R_RM4_reactive_management_needs_a_supervisors_approval_of_a_decision()
    {
        var officer = new StaffMember("MO-2", "XA", IsSupervisor: false, IsMosovoOfficer: true);
        var eligible = ReactiveCriteriaTests.Eligible();

        var e = Assert.Throws<RuleViolationException>(() => ReactiveCriteriaTests.Proposed(eligible).Approve(eligible, [], officer, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Fact]
    public void R_ID1_a_nominal_without_an_officer_cannot_be_managed()
    {
        var unassigned = IntelligenceRulesTests.Nominal(officer: "") with { Status = ManagementStatus.Pending };

        var supervisor = new StaffMember("SGT-1", "XA", IsSupervisor: true, IsMosovoOfficer: false);

        var e = Assert.Throws<RuleViolationException>(() => unassigned.ChangeStatus(ManagementStatus.Active, "allocated", supervisor, Now));

        Assert.Equal("R-ID1", e.RuleId);
    }

    [Fact]
    public void Supervisors_work_items_are_addressed_to_the_supervisor_token_role()
    {
        Assert.Equal(Roles.Supervisor, WorkItemRoute.SupervisorRole);
    }
}
