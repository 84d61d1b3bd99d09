using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>Who is in a work item's queue, and its open → acknowledged → closed life.</summary>
public sealed class IntelligenceWorkItemTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static WorkItemRecord Item(WorkItemRoute route, string force = "XA") =>
        WorkItemRecord.Open(Guid.CreateVersion7().ToString("D"), IntelligenceRulesTests.Nominal("MO-1", force), WorkItemKind.Intelligence,
            urgent: false, route, "nominals/x/intelligence/y", "INTELLIGENCE_SOURCE_PNC", "PC-9", Now);

    private static CallScope Call(string force) => CallScope.ForSystem(AuditActor.System("test", force, "test"), CancellationToken.None);

    [Fact]
    public void Only_the_assignee_is_in_an_officers_queue()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Officer, "MO-1", ""));

        Assert.True(item.IsInQueueOf(new StaffMember("MO-1", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
        Assert.False(item.IsInQueueOf(new StaffMember("MO-2", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
        Assert.False(item.IsInQueueOf(new StaffMember("SUP-1", "XA", IsSupervisor: true, IsMosovoOfficer: false)));
    }

    [Fact]
    public void R_ID3_the_supervisors_queue_is_every_supervisor()
    {
        var item = Item(WorkItemRoute.Supervisors);

        Assert.True(item.IsInQueueOf(new StaffMember("SUP-1", "XA", IsSupervisor: true, IsMosovoOfficer: false)));
        Assert.False(item.IsInQueueOf(new StaffMember("MO-1", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
    }

    [Fact]
    public void The_unassigned_queue_is_the_mosovo_officers_and_supervisors()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Unassigned, "", ""));

        Assert.True(item.IsInQueueOf(new StaffMember("MO-7", "XA", IsSupervisor: false, IsMosovoOfficer: true)));
        Assert.True(item.IsInQueueOf(new StaffMember("SUP-1", "XA", IsSupervisor: true, IsMosovoOfficer: false)));
        Assert.False(item.IsInQueueOf(new StaffMember("PC-1", "XA", IsSupervisor: false, IsMosovoOfficer: false)));
    }

    [Fact]
    public void The_queue_rule_leaves_the_force_to_the_access_path()
    {
        // Another force never sees the item at all (RecordAccess.Visible): the queue rule decides only who in the owning force.
        var item = Item(WorkItemRoute.Supervisors, force: "XA");

        Assert.True(item.IsInQueueOf(new StaffMember("SUP-2", "XB", IsSupervisor: true, IsMosovoOfficer: false)));
        Assert.Throws<ResourceNotFoundException>(() => RecordAccess.Visible(item, Call("XB"), item.ResourceName));
        Assert.Same(item, RecordAccess.Visible(item, Call("XA"), item.ResourceName));
    }

    [Fact]
    public void Acknowledging_records_who_and_when_and_the_write_moves_the_version()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Officer, "MO-1", ""));

        var acknowledged = item.Acknowledge("MO-1", Now.AddMinutes(5));

        Assert.Equal(WorkItemState.Acknowledged, acknowledged.State);
        Assert.Equal("MO-1", acknowledged.AcknowledgedBy);
        Assert.Equal(Now.AddMinutes(5), acknowledged.AcknowledgeTime);
        Assert.Equal(item.Version + 1, acknowledged.Stamped(item.Version + 1, Now).Version);
        Assert.Equal(item.Route, acknowledged.Route);
    }

    [Fact]
    public void Acknowledging_an_unassigned_item_takes_it()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Unassigned, "", ""));

        var taken = item.Acknowledge("MO-7", Now);

        Assert.Equal(new WorkItemRoute(WorkQueue.Officer, "MO-7", ""), taken.Route);
    }

    [Fact]
    public void Acknowledging_twice_is_refused()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Officer, "MO-1", "")).Acknowledge("MO-1", Now);

        var e = Assert.Throws<PreconditionFailedException>(() => item.Acknowledge("MO-1", Now));
        Assert.Equal("WORK_ITEM_ALREADY_ACKNOWLEDGED", e.Reason);
    }

    [Fact]
    public void Closing_keeps_the_outcome_and_a_closed_item_cannot_change_again()
    {
        var item = Item(new WorkItemRoute(WorkQueue.Officer, "MO-1", ""));

        var closed = item.Close("MO-1", "Home visit made; nothing further.", Now);

        Assert.Equal(WorkItemState.Closed, closed.State);
        Assert.Equal("Home visit made; nothing further.", closed.Outcome);
        Assert.Equal("MO-1", closed.ClosedBy);
        Assert.Equal("WORK_ITEM_CLOSED", Assert.Throws<PreconditionFailedException>(() => closed.Close("MO-1", "again", Now)).Reason);
        Assert.Equal("WORK_ITEM_CLOSED", Assert.Throws<PreconditionFailedException>(() => closed.Acknowledge("MO-1", Now)).Reason);
    }

    [Fact]
    public void Work_item_names_round_trip_and_other_shapes_are_refused()
    {
        var nominalId = Guid.NewGuid().ToString("D");
        var id = Guid.NewGuid().ToString("D");

        Assert.Equal((nominalId, id), WorkItemNames.TryParse(WorkItemNames.Format(nominalId, id)));
        Assert.Null(WorkItemNames.TryParse(IntelligenceNames.Format(nominalId, id)));
        Assert.Null(WorkItemNames.TryParse($"nominals/{nominalId}/workItems/not-a-uuid"));
        Assert.Null(WorkItemNames.TryParse($"workItems/{id}"));
    }
}
