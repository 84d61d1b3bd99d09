using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The management status lifecycle, called on the nominal directly: the transition table, the
/// reactive placement's approval (R-RM4) and criteria (R-RM1, R-RM2), the status history (R-AU3)
/// and the R-RM4 return triggers.
/// </summary>
public sealed class ManagementStatusTests
{
    // Friday 27 November 2026, 10:00 UTC (10:00 in London).
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private const string Officer = "MO-1";
    private const string Proposer = "PC-PROPOSER";
    private static readonly StaffMember Supervisor = new("SGT-APPROVER", "XA", IsSupervisor: true, IsMosovoOfficer: false);
    private static readonly ReactivePlacement Placement = new(Proposer, ["low risk for three years (synthetic)", "ARMS low (synthetic)"]);

    private static ArmsSchedule Arms() => new(new WorkingDayCalendar(), Options.Create(new NominalRules()));

    /// <summary>A registered sexual offender with an officer, police-led, in <paramref name="status"/>: every criterion this service holds passes.</summary>
    internal static NominalRecord Eligible(ManagementStatus status = ManagementStatus.Active) =>
        IntelligenceRulesTests.Nominal(Officer) with
        {
            Status = status,
            Management = NominalManagement.None with { MosovoOfficer = Officer, LeadAgency = LeadAgency.Police },
        };

    private static NominalRecord Reactive() =>
        Eligible().ChangeStatus(ManagementStatus.Reactive, "placed", Placement, Supervisor, Now).Nominal;

    private static NominalRecord WithOrder(NominalRecord n, CivilOrderType type, bool pendingDischarge, DateOnly? end = null) =>
        n with
        {
            Management = n.Management with
            {
                CivilOrders = [new CivilOrderRecord("order-1", type, "", Today.AddYears(-1), end, pendingDischarge)],
            },
        };

    public static TheoryData<ManagementStatus, ManagementStatus> AllowedPairs() => new()
    {
        { ManagementStatus.Pending, ManagementStatus.Active },
        { ManagementStatus.Pending, ManagementStatus.Ended },
        { ManagementStatus.Active, ManagementStatus.Reactive },
        { ManagementStatus.Active, ManagementStatus.Ended },
        { ManagementStatus.Reactive, ManagementStatus.Active },
        { ManagementStatus.Reactive, ManagementStatus.Ended },
        { ManagementStatus.Ended, ManagementStatus.Active },
    };

    public static TheoryData<ManagementStatus, ManagementStatus, string> RefusedPairs() => new()
    {
        { ManagementStatus.Pending, ManagementStatus.Pending, "NO_CHANGE" },
        { ManagementStatus.Pending, ManagementStatus.Reactive, "R-RM1" },
        { ManagementStatus.Active, ManagementStatus.Pending, "STATUS_TRANSITION_NOT_ALLOWED" },
        { ManagementStatus.Active, ManagementStatus.Active, "NO_CHANGE" },
        { ManagementStatus.Reactive, ManagementStatus.Pending, "STATUS_TRANSITION_NOT_ALLOWED" },
        { ManagementStatus.Reactive, ManagementStatus.Reactive, "NO_CHANGE" },
        { ManagementStatus.Ended, ManagementStatus.Pending, "STATUS_TRANSITION_NOT_ALLOWED" },
        { ManagementStatus.Ended, ManagementStatus.Reactive, "R-RM1" },
        { ManagementStatus.Ended, ManagementStatus.Ended, "NO_CHANGE" },
    };

    [Fact]
    public void The_transition_table_has_exactly_the_seven_moves_of_the_contract()
    {
        var statuses = new[] { ManagementStatus.Pending, ManagementStatus.Active, ManagementStatus.Reactive, ManagementStatus.Ended };
        var allowed = statuses.SelectMany(f => statuses.Select(t => (f, t))).Where(p => ManagementStatusTransitions.IsAllowed(p.f, p.t)).ToHashSet();

        Assert.Equal(AllowedPairs().Select(row => ((ManagementStatus)row[0], (ManagementStatus)row[1])).ToHashSet(), allowed);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Every_allowed_move_is_made_and_kept_in_the_status_history(ManagementStatus from, ManagementStatus to)
    {
        var changed = Eligible(from).ChangeStatus(to, "a reason", to == ManagementStatus.Reactive ? Placement : ReactivePlacement.None, Supervisor, Now);

        Assert.Equal(to, changed.Nominal.Status);
        var entry = Assert.Single(changed.Nominal.Management.StatusHistory);
        Assert.Equal((from, to, "a reason", Supervisor.UserId, StatusChangeTrigger.User), (entry.FromStatus, entry.ToStatus, entry.Reason, entry.ChangedBy, entry.Trigger));
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Every_move_outside_the_table_is_refused_with_its_reason_or_rule(ManagementStatus from, ManagementStatus to, string code)
    {
        var e = Assert.ThrowsAny<DomainException>(() => Eligible(from).ChangeStatus(to, "a reason", Placement, Supervisor, Now));

        Assert.Equal(code, e is RuleViolationException r ? r.RuleId : e.Reason);
    }

    [Theory]
    [InlineData(ManagementStatus.Active)]
    [InlineData(ManagementStatus.Reactive)]
    public void R_ID1_a_nominal_without_an_officer_cannot_be_made_managed(ManagementStatus to)
    {
        var unassigned = Eligible(ManagementStatus.Pending) with { Management = Eligible().Management with { MosovoOfficer = "" } };
        var from = to == ManagementStatus.Reactive ? unassigned with { Status = ManagementStatus.Active } : unassigned;

        var e = Assert.Throws<RuleViolationException>(() => from.ChangeStatus(to, "r", Placement, Supervisor, Now));

        Assert.Equal("R-ID1", e.RuleId);
    }

    [Fact]
    public void R_RM4_reactive_management_needs_a_supervisors_approval()
    {
        var officer = new StaffMember("PC-OTHER", "XA", IsSupervisor: false, IsMosovoOfficer: true);

        var e = Assert.Throws<RuleViolationException>(() => Eligible().ChangeStatus(ManagementStatus.Reactive, "r", Placement, officer, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Theory]
    [InlineData("SGT-APPROVER")]
    [InlineData("sgt-approver")]
    public void R_RM4_the_supervisor_who_proposed_the_placement_cannot_approve_it_whatever_the_case_of_the_id(string proposer)
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            Eligible().ChangeStatus(ManagementStatus.Reactive, "r", Placement with { ProposedBy = proposer }, Supervisor, Now));

        Assert.Equal(("R-RM4", "proposed_by"), (e.RuleId, e.Field));
    }

    [Theory]
    [InlineData("SGT-APPROVER")]
    [InlineData("Sgt-Approver")]
    public void R_RM4_the_nominals_MOSOVO_officer_cannot_approve_the_placement_whatever_the_case_of_the_id(string officer)
    {
        var managedBySupervisor = Eligible() with { Management = Eligible().Management with { MosovoOfficer = officer } };

        var e = Assert.Throws<RuleViolationException>(() => managedBySupervisor.ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now));

        Assert.Equal("R-RM4", e.RuleId);
    }

    [Fact]
    public void R_RM4_the_placement_needs_a_proposer_and_at_least_one_reason()
    {
        var noProposer = Assert.Throws<RuleViolationException>(() =>
            Eligible().ChangeStatus(ManagementStatus.Reactive, "r", Placement with { ProposedBy = "" }, Supervisor, Now));
        var noReasons = Assert.Throws<RuleViolationException>(() =>
            Eligible().ChangeStatus(ManagementStatus.Reactive, "r", Placement with { Reasons = [" "] }, Supervisor, Now));

        Assert.Equal(("R-RM4", "proposed_by"), (noProposer.RuleId, noProposer.Field));
        Assert.Equal(("R-RM4", "placement_reasons"), (noReasons.RuleId, noReasons.Field));
    }

    [Fact]
    public void R_RM4_the_placement_keeps_its_reasons_proposer_and_approver_and_goes_on_the_feed()
    {
        var changed = Eligible().ChangeStatus(ManagementStatus.Reactive, "panel decision", Placement, Supervisor, Now);

        var entry = Assert.Single(changed.Nominal.Management.StatusHistory);
        Assert.Equal((Proposer, Supervisor.UserId, false), (entry.ProposedBy, entry.ApprovedBy, entry.PendingDischargeException));
        Assert.Equal(Placement.Reasons, entry.PlacementReasons);
        var e = Assert.Single(changed.Events);
        Assert.Equal(NominalEventType.StatusChanged, e.Type);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["status"] = "MANAGEMENT_STATUS_REACTIVE",
                ["previous_status"] = "MANAGEMENT_STATUS_ACTIVE",
                ["trigger"] = "STATUS_CHANGE_TRIGGER_USER",
            },
            ChangeFeed.AttributesOf(e));
    }

    [Theory]
    [InlineData(NominalCategory.ViolentOffender)]
    [InlineData(NominalCategory.PotentiallyDangerousPerson)]
    public void R_RM1_reactive_management_is_for_registered_sexual_offenders(NominalCategory category)
    {
        var other = Eligible() with { Details = Eligible().Details with { Category = category } };

        var e = Assert.Throws<RuleViolationException>(() => other.ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now));

        Assert.Equal("R-RM1", e.RuleId);
    }

    [Theory]
    [InlineData(LeadAgency.Unspecified)]
    [InlineData(LeadAgency.Probation)]
    [InlineData(LeadAgency.Prison)]
    public void R_RM1_reactive_management_needs_the_lead_agency_set_to_police(LeadAgency agency)
    {
        var notPolice = Eligible() with { Management = Eligible().Management with { LeadAgency = agency } };

        var e = Assert.Throws<RuleViolationException>(() => notPolice.ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now));

        Assert.Equal("R-RM1", e.RuleId);
    }

    [Theory]
    [InlineData(CivilOrderType.Shpo)]
    [InlineData(CivilOrderType.Sro)]
    public void R_RM1_a_sexual_civil_order_in_force_bars_reactive_management(CivilOrderType type)
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            WithOrder(Eligible(), type, pendingDischarge: false).ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now));

        Assert.Equal("R-RM1", e.RuleId);
    }

    [Fact]
    public void R_RM1_an_order_that_has_ended_or_is_not_sexual_does_not_bar_reactive_management()
    {
        var ended = WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: false, end: Today.AddDays(-1));
        var other = WithOrder(Eligible(), CivilOrderType.Other, pendingDischarge: false);

        Assert.Equal(ManagementStatus.Reactive, ended.ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now).Nominal.Status);
        Assert.Equal(ManagementStatus.Reactive, other.ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now).Nominal.Status);
    }

    [Fact]
    public void R_RM2_an_order_pending_discharge_allows_placement_recorded_as_the_exception()
    {
        var changed = WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: true)
            .ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now);

        Assert.Equal(ManagementStatus.Reactive, changed.Nominal.Status);
        Assert.True(Assert.Single(changed.Nominal.Management.StatusHistory).PendingDischargeException);
    }

    [Fact]
    public void R_AU3_reopening_keeps_the_end_reason_in_the_history_and_clears_the_current_one()
    {
        var ended = Eligible().ChangeStatus(ManagementStatus.Ended, "notification ended", ReactivePlacement.None, Supervisor, Now).Nominal;
        var reopened = ended.ChangeStatus(ManagementStatus.Active, "further offence suspected", ReactivePlacement.None, Supervisor, Now.AddDays(1)).Nominal;

        Assert.Equal("notification ended", ended.Management.EndReason);
        Assert.Equal("", reopened.Management.EndReason);
        Assert.Equal(["notification ended", "further offence suspected"], reopened.Management.StatusHistory.Select(h => h.Reason));
        Assert.Equal([ManagementStatus.Ended, ManagementStatus.Active], reopened.Management.StatusHistory.Select(h => h.ToStatus));
    }

    [Fact]
    public void R_RM4_a_new_SHPO_returns_a_reactive_nominal_to_active_with_history_feed_event_and_work_item()
    {
        var changed = Reactive().AddCivilOrder(CivilOrderType.Shpo, "", Today, null, false, "PC-RECORDER", Now);

        Assert.Equal(ManagementStatus.Active, changed.Nominal.Status);
        var order = CivilOrderNames.Format(changed.Nominal.Id, Assert.Single(changed.Nominal.Management.CivilOrders).Id);
        AssertReturned(changed, StatusChangeTrigger.NewSexualOrder, order, "PC-RECORDER");
        Assert.Contains(changed.Events, e => e.Type == NominalEventType.CivilOrderAdded);
    }

    [Fact]
    public void R_RM4_a_new_order_that_is_not_sexual_leaves_a_reactive_nominal_reactive()
    {
        var changed = Reactive().AddCivilOrder(CivilOrderType.Other, "a civil injunction (synthetic)", Today, null, false, "PC-RECORDER", Now);

        Assert.Equal(ManagementStatus.Reactive, changed.Nominal.Status);
        Assert.Empty(changed.WorkItemsToOpen);
    }

    [Fact]
    public void R_RM4_a_return_trigger_leaves_an_active_nominal_as_it_is()
    {
        var changed = Eligible().AddCivilOrder(CivilOrderType.Sro, "", Today, null, false, "PC-RECORDER", Now);

        Assert.Equal(ManagementStatus.Active, changed.Nominal.Status);
        Assert.Empty(changed.Nominal.Management.StatusHistory);
        Assert.DoesNotContain(changed.Events, e => e.Type == NominalEventType.StatusChanged);
        Assert.Empty(changed.WorkItemsToOpen);
    }

    [Fact]
    public void R_RM2_R_RM4_a_refused_discharge_returns_a_reactive_nominal_to_active()
    {
        var placed = WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: true)
            .ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now).Nominal;

        var changed = placed.UpdateCivilOrder("order-1", "asked-for", false, null, pendingDischarge: false, "PC-COURT", Now);

        Assert.Equal(ManagementStatus.Active, changed.Nominal.Status);
        AssertReturned(changed, StatusChangeTrigger.DischargeRefused, CivilOrderNames.Format(placed.Id, "order-1"), "PC-COURT");
    }

    [Fact]
    public void R_RM2_a_discharged_order_that_ends_leaves_the_nominal_reactive()
    {
        var placed = WithOrder(Eligible(), CivilOrderType.Shpo, pendingDischarge: true)
            .ChangeStatus(ManagementStatus.Reactive, "r", Placement, Supervisor, Now).Nominal;

        var changed = placed.UpdateCivilOrder("order-1", "asked-for", true, Today, pendingDischarge: false, "PC-COURT", Now.AddDays(1));

        Assert.Equal(ManagementStatus.Reactive, changed.Nominal.Status);
        Assert.Empty(changed.WorkItemsToOpen);
    }

    [Theory]
    [InlineData(LeadAgency.Probation)]
    [InlineData(LeadAgency.Prison)]
    public void R_RM4_a_change_of_lead_agency_to_probation_or_prison_returns_a_reactive_nominal_and_still_raises_the_ARMS(LeadAgency agency)
    {
        var reactive = Reactive();

        var changed = reactive.ChangeLeadAgency(agency, "", "licence", "PC-LEAD", Now, Today, Arms());

        Assert.Equal(ManagementStatus.Active, changed.Nominal.Status);
        AssertReturned(changed, StatusChangeTrigger.LeadAgencyProbationOrPrison, reactive.ResourceName, "PC-LEAD");
        Assert.Equal(ObligationKind.Arms, Assert.IsType<RaiseObligation>(Assert.Single(changed.LedgerEntries)).Kind);
        Assert.Contains(changed.Events, e => e.Type == NominalEventType.LeadAgencyChanged);
    }

    [Fact]
    public void R_RM4_the_return_triggers_work_item_summary_is_the_triggers_contract_name()
    {
        var changed = Reactive().ReturnToActiveIfReactive(StatusChangeTrigger.FurtherSexualOffence, "nominals/x/qualifyingEvents/y", "PC-1", Now);

        Assert.Equal("STATUS_CHANGE_TRIGGER_FURTHER_SEXUAL_OFFENCE", ChangeFeed.OriginalName(Assert.Single(changed.WorkItemsToOpen).SummaryCode));
    }

    [Theory]
    [InlineData(ManagementStatus.Active)]
    [InlineData(ManagementStatus.Reactive)]
    public void R_ID1_a_transfer_makes_a_managed_nominal_pending_and_the_history_says_so(ManagementStatus status)
    {
        var moved = Eligible(status).MoveTo("XB", "SGT-XB", Now);

        Assert.Equal((ManagementStatus.Pending, "XB", ""), (moved.Status, moved.ForceCode, moved.Management.MosovoOfficer));
        var entry = Assert.Single(moved.Management.StatusHistory);
        Assert.Equal((status, ManagementStatus.Pending, StatusChangeTrigger.Transfer, "SGT-XB"), (entry.FromStatus, entry.ToStatus, entry.Trigger, entry.ChangedBy));
    }

    [Fact]
    public void A_transfer_of_an_ended_nominal_leaves_its_status_and_history()
    {
        var moved = Eligible(ManagementStatus.Ended).MoveTo("XB", "SGT-XB", Now);

        Assert.Equal(ManagementStatus.Ended, moved.Status);
        Assert.Empty(moved.Management.StatusHistory);
    }

    private static void AssertReturned(NominalChange changed, StatusChangeTrigger trigger, string triggerRecord, string actingUser)
    {
        var entry = changed.Nominal.Management.StatusHistory[^1];
        Assert.Equal((ManagementStatus.Reactive, ManagementStatus.Active, trigger, triggerRecord, actingUser),
            (entry.FromStatus, entry.ToStatus, entry.Trigger, entry.TriggerRecord, entry.ChangedBy));
        var e = Assert.Single(changed.Events, x => x.Type == NominalEventType.StatusChanged);
        var attributes = ChangeFeed.AttributesOf(e);
        Assert.Equal("MANAGEMENT_STATUS_ACTIVE", attributes["status"]);
        Assert.Equal("MANAGEMENT_STATUS_REACTIVE", attributes["previous_status"]);
        Assert.Equal(ChangeFeed.OriginalName(trigger), attributes["trigger"]);
        Assert.Equal(triggerRecord, attributes["trigger_record"]);
        var item = Assert.Single(changed.WorkItemsToOpen);
        Assert.Equal((WorkItemKind.ReturnedToActive, triggerRecord, (Enum)trigger), (item.Kind, item.Reference, item.SummaryCode));
    }
}
