using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The management status lifecycle, called on the nominal directly: the transition table, the
/// placement by an approved decision only (R-RM4; its criteria and approval: ReactiveCriteriaTests),
/// the status history (R-AU3) and the R-RM4 return triggers.
/// </summary>
public sealed class ManagementStatusTests
{
    // Friday 27 November 2026, 10:00 UTC (10:00 in London).
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private const string Officer = "MO-1";
    private static readonly StaffMember Supervisor = new("SGT-APPROVER", "XA", IsSupervisor: true, IsMosovoOfficer: false);

    private static ArmsSchedule Arms() => new(new WorkingDayCalendar(), Options.Create(new NominalRules()));

    /// <summary>A registered sexual offender with an officer, police-led, in <paramref name="status"/>: every criterion this service holds passes.</summary>
    internal static NominalRecord Eligible(ManagementStatus status = ManagementStatus.Active) =>
        IntelligenceRulesTests.Nominal(Officer) with
        {
            Status = status,
            Management = NominalManagement.None with { MosovoOfficer = Officer, LeadAgency = LeadAgency.Police },
        };

    private static NominalRecord Reactive() => Placed(ReactiveCriteriaTests.Eligible()).Nominal;

    /// <summary>Placed on reactive management by an approved decision (its criteria pass: ReactiveCriteriaTests).</summary>
    private static NominalChange Placed(NominalRecord n) =>
        ReactiveCriteriaTests.Proposed(n).Approve(n, [], Supervisor, Now).Placement;

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
        var changed = to == ManagementStatus.Reactive
            ? Placed(ReactiveCriteriaTests.Eligible())
            : Eligible(from).ChangeStatus(to, "a reason", Supervisor, Now);

        Assert.Equal(to, changed.Nominal.Status);
        var entry = Assert.Single(changed.Nominal.Management.StatusHistory);
        Assert.Equal((from, to, Supervisor.UserId, StatusChangeTrigger.User), (entry.FromStatus, entry.ToStatus, entry.ChangedBy, entry.Trigger));
        Assert.NotEmpty(entry.Reason);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Every_move_outside_the_table_is_refused_with_its_reason_or_rule(ManagementStatus from, ManagementStatus to, string code)
    {
        var e = Assert.ThrowsAny<DomainException>(() => Eligible(from).ChangeStatus(to, "a reason", Supervisor, Now));

        Assert.Equal(code, e is RuleViolationException r ? r.RuleId : e.Reason);
    }

    [Theory]
    [InlineData(ManagementStatus.Active)]
    [InlineData(ManagementStatus.Reactive)]
    public void R_ID1_a_nominal_without_an_officer_cannot_be_made_managed(ManagementStatus to)
    {
        var unassigned = Eligible(ManagementStatus.Pending) with { Management = Eligible().Management with { MosovoOfficer = "" } };
        var from = to == ManagementStatus.Reactive ? unassigned with { Status = ManagementStatus.Active } : unassigned;

        var e = Assert.Throws<RuleViolationException>(() => to == ManagementStatus.Reactive
            ? from.PlaceOnReactiveManagement(ReactiveCriteriaTests.Proposed(ReactiveCriteriaTests.Eligible()), Now)
            : from.ChangeStatus(to, "r", Supervisor, Now));

        Assert.Equal("R-ID1", e.RuleId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void R_RM4_no_user_moves_a_nominal_to_reactive_management_only_an_approved_decision_does(bool supervisor)
    {
        var actor = supervisor ? Supervisor : new StaffMember("PC-OTHER", "XA", IsSupervisor: false, IsMosovoOfficer: true);

        var e = Assert.Throws<RuleViolationException>(() => ReactiveCriteriaTests.Eligible().ChangeStatus(ManagementStatus.Reactive, "r", actor, Now));

        Assert.Equal(("R-RM4", "status"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_RM4_the_placement_keeps_its_decision_reasons_proposer_and_approver_and_goes_on_the_feed()
    {
        var changed = Placed(ReactiveCriteriaTests.Eligible());

        var entry = Assert.Single(changed.Nominal.Management.StatusHistory);
        Assert.Equal((ReactiveCriteriaTests.Proposer, Supervisor.UserId, false), (entry.ProposedBy, entry.ApprovedBy, entry.PendingDischargeException));
        Assert.StartsWith(changed.Nominal.ResourceName + "/reactiveDecisions/", entry.ReactiveDecision, StringComparison.Ordinal);
        Assert.Equal(["assessed low for three years (synthetic)"], entry.PlacementReasons);
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

    [Fact]
    public void R_AU3_reopening_keeps_the_end_reason_in_the_history_and_clears_the_current_one()
    {
        var ended = Eligible().ChangeStatus(ManagementStatus.Ended, "notification ended", Supervisor, Now).Nominal;
        var reopened = ended.ChangeStatus(ManagementStatus.Active, "further offence suspected", Supervisor, Now.AddDays(1)).Nominal;

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
        var placed = Placed(WithOrder(ReactiveCriteriaTests.Eligible(), CivilOrderType.Shpo, pendingDischarge: true)).Nominal;

        var changed = placed.UpdateCivilOrder("order-1", "asked-for", false, null, pendingDischarge: false, "PC-COURT", Now);

        Assert.Equal(ManagementStatus.Active, changed.Nominal.Status);
        AssertReturned(changed, StatusChangeTrigger.DischargeRefused, CivilOrderNames.Format(placed.Id, "order-1"), "PC-COURT");
    }

    [Fact]
    public void R_RM2_a_discharged_order_that_ends_leaves_the_nominal_reactive()
    {
        var placed = Placed(WithOrder(ReactiveCriteriaTests.Eligible(), CivilOrderType.Shpo, pendingDischarge: true)).Nominal;

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
