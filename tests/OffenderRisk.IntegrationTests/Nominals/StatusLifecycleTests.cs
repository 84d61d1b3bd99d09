using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// The management status lifecycle through the gateway: the transition table, a reason on every
/// change kept in a history that is never wiped (R-AU3), the placement on reactive management by an
/// approved decision (R-RM4; the decisions themselves: ReactiveDecisionTests) and the R-RM4 return triggers, each with a feed event and a work item.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class StatusLifecycleTests(SuiteFixture suite)
{
    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(NominalScenario S, Nominal Reactive)> ReactiveAsync()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        return (s, await s.PlaceOnReactiveAsync(await s.ManageAsync(nominal)));
    }

    /// <summary>R-RM2: placed on reactive management while its SHPO's discharge is pending.</summary>
    private async Task<(NominalScenario S, Nominal Reactive)> ReactiveUnderTheExceptionAsync()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Shpo, StartDate = Date(Today.AddYears(-2)), PendingDischarge = true },
            Etag = managed.Etag,
        }, s.AsOfficer)).Nominal;
        var reactive = await s.PlaceOnReactiveAsync(withOrder);
        return (s, reactive);
    }

    [Fact]
    public async Task R_RM1_a_pending_nominal_cannot_be_proposed_for_reactive_management()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.Gender = Gender.Female);
        var assigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = nominal.Etag }, s.AsSupervisor)).Nominal;
        var policeLed = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = nominal.Name, LeadAgency = LeadAgency.Police, Etag = assigned.Etag }, s.AsOfficer)).Nominal;

        await RpcAssert.RefusedByRuleAsync("R-RM1", "parent", () => s.ProposeReactiveAsync(policeLed, NominalScenario.Judgement()));

        var unchanged = await s.GetAsync(nominal.Name);
        Assert.Equal(ManagementStatus.Pending, unchanged.ManagementStatus);
        Assert.Empty(unchanged.StatusHistory);
    }

    [Fact]
    public async Task A_move_outside_the_transition_table_is_refused_with_its_reason()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Reason = "again", Etag = managed.Etag }, s.AsOfficer).ResponseAsync);

        Assert.Equal("NO_CHANGE", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task R_AU3_reopening_an_ended_nominal_needs_a_reason_and_keeps_the_end_reason_in_the_history()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var ended = (await s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Ended, Reason = "notification period expired", Etag = managed.Etag }, s.AsOfficer)).Nominal;

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Etag = ended.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(["reason"], e.ViolatedFields());
        Assert.Equal("R-AU3", e.ErrorInfo().Metadata["rule_id"]);

        var reopened = (await s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Reason = "further offence suspected", Etag = ended.Etag }, s.AsOfficer)).Nominal;
        Assert.Equal(ManagementStatus.Active, reopened.ManagementStatus);
        Assert.Equal("", reopened.ManagementEndReason);
        Assert.Equal(
            [(ManagementStatus.Pending, ManagementStatus.Active, "allocated for management"),
             (ManagementStatus.Active, ManagementStatus.Ended, "notification period expired"),
             (ManagementStatus.Ended, ManagementStatus.Active, "further offence suspected")],
            reopened.StatusHistory.Select(h => (h.FromStatus, h.ToStatus, h.Reason)));
        Assert.All(reopened.StatusHistory, h => Assert.Equal((StatusChangeTrigger.User, NominalScenario.Officer), (h.Trigger, h.ChangedBy)));
        var events = await IntelligenceScenario.EventsForAsync(suite, s, nominal.Name);
        Assert.Equal(3, events.Count(x => x.Type == NominalEventType.StatusChanged && x.Attributes["trigger"] == "STATUS_CHANGE_TRIGGER_USER"));
    }

    [Fact]
    public async Task R_RM4_a_placement_keeps_its_reasons_proposer_and_approver_in_the_history()
    {
        var (_, reactive) = await ReactiveAsync();

        var placed = reactive.StatusHistory[^1];
        Assert.Equal((ManagementStatus.Active, ManagementStatus.Reactive), (placed.FromStatus, placed.ToStatus));
        Assert.Equal((NominalScenario.Officer, NominalScenario.Supervisor, NominalScenario.Supervisor), (placed.ProposedBy, placed.ApprovedBy, placed.ChangedBy));
        Assert.Equal(NominalScenario.PlacementReasons, placed.PlacementReasons);
        Assert.False(placed.PendingDischargeException);
        Assert.StartsWith(reactive.Name + "/reactiveDecisions/", placed.ReactiveDecision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_RM4_a_new_SRO_returns_a_reactive_nominal_to_active_with_a_feed_event_and_a_work_item()
    {
        var (s, reactive) = await ReactiveAsync();

        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = reactive.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Sro, StartDate = Date(Today) },
            Etag = reactive.Etag,
        }, s.AsSupervisor)).Nominal;

        await AssertReturnedAsync(s, withOrder, StatusChangeTrigger.NewSexualOrder, "STATUS_CHANGE_TRIGGER_NEW_SEXUAL_ORDER", withOrder.CivilOrders.Single().Name);
    }

    [Fact]
    public async Task R_RM2_R_RM4_a_refused_discharge_returns_a_reactive_nominal_to_active_with_a_feed_event_and_a_work_item()
    {
        var (s, reactive) = await ReactiveUnderTheExceptionAsync();
        Assert.True(reactive.StatusHistory[^1].PendingDischargeException);
        var order = reactive.CivilOrders.Single();

        var refused = (await s.Client.UpdateCivilOrderAsync(new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = order.Name, PendingDischarge = false },
            UpdateMask = new FieldMask { Paths = { "pending_discharge" } },
            Etag = reactive.Etag,
        }, s.AsOfficer)).Nominal;

        await AssertReturnedAsync(s, refused, StatusChangeTrigger.DischargeRefused, "STATUS_CHANGE_TRIGGER_DISCHARGE_REFUSED", order.Name);
    }

    [Fact]
    public async Task R_RM2_a_discharged_order_leaves_the_nominal_on_reactive_management()
    {
        var (s, reactive) = await ReactiveUnderTheExceptionAsync();

        var discharged = (await s.Client.UpdateCivilOrderAsync(new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = reactive.CivilOrders.Single().Name, PendingDischarge = false, EndDate = Date(Today.AddDays(-1)) },
            UpdateMask = new FieldMask { Paths = { "pending_discharge", "end_date" } },
            Etag = reactive.Etag,
        }, s.AsOfficer)).Nominal;

        Assert.Equal(ManagementStatus.Reactive, discharged.ManagementStatus);
        Assert.DoesNotContain(await IntelligenceScenario.QueueAsync(suite, s.AsOfficer), i => i.Kind == WorkItemKind.ReturnedToActive);
    }

    [Fact]
    public async Task R_RM4_a_change_of_lead_agency_to_probation_returns_a_reactive_nominal_to_active_with_a_feed_event_and_a_work_item()
    {
        var (s, reactive) = await ReactiveAsync();

        var probation = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest
        {
            Name = reactive.Name, LeadAgency = LeadAgency.Probation, Reason = "released on licence", Etag = reactive.Etag,
        }, s.AsOfficer)).Nominal;

        await AssertReturnedAsync(s, probation, StatusChangeTrigger.LeadAgencyProbationOrPrison, "STATUS_CHANGE_TRIGGER_LEAD_AGENCY_PROBATION_OR_PRISON", reactive.Name);
        Assert.Equal(LeadAgency.Probation, probation.LeadAgency);
    }

    /// <summary>Back on active management, the history and feed naming the trigger, and a work item in the officer's queue.</summary>
    private async Task AssertReturnedAsync(NominalScenario s, Nominal nominal, StatusChangeTrigger expected, string trigger, string triggerRecord)
    {
        Assert.Equal(ManagementStatus.Active, nominal.ManagementStatus);
        var entry = nominal.StatusHistory[^1];
        Assert.Equal((ManagementStatus.Reactive, ManagementStatus.Active, expected, triggerRecord),
            (entry.FromStatus, entry.ToStatus, entry.Trigger, entry.TriggerRecord));

        var events = await IntelligenceScenario.EventsForAsync(suite, s, nominal.Name);
        var returned = Assert.Single(events, e => e.Type == NominalEventType.StatusChanged && e.Attributes["trigger"] == trigger);
        Assert.Equal("MANAGEMENT_STATUS_ACTIVE", returned.Attributes["status"]);
        Assert.Equal("MANAGEMENT_STATUS_REACTIVE", returned.Attributes["previous_status"]);
        Assert.Equal(triggerRecord, returned.Attributes["trigger_record"]);

        var item = Assert.Single(await IntelligenceScenario.QueueAsync(suite, s.AsOfficer), i => i.Kind == WorkItemKind.ReturnedToActive);
        Assert.Equal((nominal.Name, triggerRecord, trigger, NominalScenario.Officer), (item.Nominal, item.Reference, item.SummaryCode, item.Assignee));
    }
}
