using System.Globalization;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Officer, status, MAPPA, lead agency, civil orders and risk to children, through the gateway (the offence history: NotificationLawTests).</summary>
[Collection(SuiteCollection.Name)]
public sealed class ManagementTests(SuiteFixture suite)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    [Fact]
    public async Task R_ID1_a_nominal_without_an_officer_cannot_be_made_managed()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await RpcAssert.RefusedByRuleAsync("R-ID1", "status",
            () => s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Reason = "allocated", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(ManagementStatus.Pending, (await s.GetAsync(nominal.Name)).ManagementStatus);
    }

    [Fact]
    public async Task R_ID1_reassignment_keeps_the_assignment_history_and_moves_the_caseload()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var reassigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = "PC-MOSOVO-2", Reason = "leave", Etag = managed.Etag }, s.AsSupervisor)).Nominal;

        Assert.Equal("PC-MOSOVO-2", reassigned.MosovoOfficer);
        Assert.Equal(new[] { NominalScenario.Officer, "PC-MOSOVO-2" }, reassigned.OfficerHistory.Select(h => h.Officer));
        Assert.Equal(NominalScenario.Supervisor, reassigned.OfficerHistory[1].AssignedBy);
        var oldCaseload = await s.Client.ListCaseloadAsync(new ListCaseloadRequest(), s.AsOfficer);
        var newCaseload = await s.Client.ListCaseloadAsync(new ListCaseloadRequest { Officer = "PC-MOSOVO-2" }, s.AsSupervisor);
        Assert.Empty(oldCaseload.Nominals);
        Assert.Equal(nominal.Name, Assert.Single(newCaseload.Nominals).Name);
    }

    [Fact]
    public async Task R_AU3_ending_management_needs_a_reason_and_keeps_it()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Ended, Etag = managed.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Contains("reason", e.ViolatedFields());
        Assert.Equal("R-AU3", e.ErrorInfo().Metadata["rule_id"]);

        var ended = (await s.Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Ended, Reason = "notification period expired", Etag = managed.Etag }, s.AsOfficer)).Nominal;
        Assert.Equal(ManagementStatus.Ended, ended.ManagementStatus);
        Assert.Equal("notification period expired", ended.ManagementEndReason);
    }

    [Fact]
    public async Task R_MG1_mappa_category_and_level_are_validated_and_kept_as_history()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 5, Level = 4, Reason = "x", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(new[] { "category", "level" }, e.ViolatedFields().Order(StringComparer.Ordinal));

        var first = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = 2, Reason = "MAPPA meeting", Etag = nominal.Etag }, s.AsOfficer)).Nominal;
        var second = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = 1, Reason = "risk reduced", Etag = first.Etag }, s.AsOfficer)).Nominal;
        Assert.Equal(1, second.Mappa.Level);
        Assert.Equal(new[] { 2, 1 }, second.MappaHistory.Select(m => m.Level));
    }

    [Fact]
    public async Task R_MG2_a_pdp_led_by_probation_needs_a_managers_authority()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.Category = NominalCategory.PotentiallyDangerousPerson);
        await RpcAssert.RefusedByRuleAsync("R-MG2", "manager_authority",
            () => s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = nominal.Name, LeadAgency = LeadAgency.Probation, Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        Assert.Equal(LeadAgency.Unspecified, (await s.GetAsync(nominal.Name)).LeadAgency);

        var changed = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = nominal.Name, LeadAgency = LeadAgency.Probation, ManagerAuthority = "DI TESTMANAGER", Reason = "exceptional case", Etag = nominal.Etag }, s.AsOfficer)).Nominal;
        Assert.Equal("DI TESTMANAGER", changed.LeadAgencyHistory.Single().ManagerAuthority);
    }

    [Fact]
    public async Task A_new_civil_order_goes_on_the_change_feed()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Sro, StartDate = Date(Today), EndDate = Date(Today.AddYears(2)) },
            Etag = nominal.Etag,
        }, s.AsOfficer)).Nominal;
        var order = Assert.Single(withOrder.CivilOrders);
        var e = Assert.Single(await EventsForAsync(s, nominal.Name), x => x.Type == NominalEventType.CivilOrderAdded);
        Assert.Equal(order.Name, e.Attributes["civil_order"]);
    }

    [Fact]
    public async Task Management_changes_need_the_current_etag()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 2, Level = 1, Reason = "x", Etag = nominal.Etag }, s.AsOfficer);
        await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = "PC-LATE", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = "PC-LATE" }, s.AsOfficer).ResponseAsync);
    }

    private async Task<List<NominalEvent>> EventsForAsync(NominalScenario s, string nominal)
    {
        var page = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(s.Force, "AN-FEED", ["analyst"]));
        return page.Events.Where(e => e.Nominal == nominal).ToList();
    }
}
