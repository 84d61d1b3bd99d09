using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// R-MR3: overdue obligations listed per officer, per team and per force, each naming what is late
/// (kind, trigger, trigger record) and since when. Obligations are made overdue with backdated
/// triggers: a change of lead agency effective in the past raises an ARMS due 15 working days
/// after it (R-AS5).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OverdueListTests(SuiteFixture suite)
{
    private ObligationsService.ObligationsServiceClient Obligations => ObligationScenario.Client(suite);

    private static CalendarDate Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    [Fact]
    public async Task R_MR3_an_officers_list_names_the_kind_the_trigger_record_and_since_when_for_their_caseload_only()
    {
        var s = new NominalScenario(suite, TestData.NewForce());
        // Monday 6 January 2025: the ARMS is due 15 working days later, Monday 27 January 2025.
        var mine = await OverdueArmsAsync(s, "PC-9001", Date(2025, 1, 6));
        await OverdueArmsAsync(s, "PC-9002", Date(2025, 1, 6));

        var listed = (await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest { Officer = "PC-9001" }, s.AsSupervisor)).Obligations;

        var overdue = Assert.Single(listed);
        Assert.Equal(mine.Obligation.Name, overdue.Name);
        Assert.Equal(ObligationKind.Arms, overdue.Kind);
        Assert.Equal("LEAD_AGENCY_CHANGED", overdue.Trigger);
        Assert.Equal(mine.Nominal, overdue.TriggerRecord);
        Assert.Equal(mine.Nominal, overdue.Nominal);
        Assert.Equal("PC-9001", overdue.MosovoOfficer);
        Assert.Equal(Date(2025, 1, 27), overdue.DueDate);
        Assert.True(overdue.Overdue);
        Assert.Equal(Date(2025, 1, 28), overdue.OverdueSince);
        Assert.Equal(Today().DayNumber - new DateOnly(2025, 1, 27).DayNumber, overdue.DaysOverdue);
    }

    [Fact]
    public async Task R_MR3_a_teams_list_holds_the_caseloads_of_its_members_now_oldest_due_first()
    {
        var s = new NominalScenario(suite, TestData.NewForce());
        var a = await OverdueArmsAsync(s, "PC-9011", Date(2025, 3, 3));
        var b = await OverdueArmsAsync(s, "PC-9012", Date(2025, 1, 6));
        await OverdueArmsAsync(s, "PC-9013", Date(2025, 2, 3));
        var team = await TeamScenario.CreateAsync(suite, s.Force, "Overdue Team");
        team = await TeamScenario.AddAsync(suite, s.Force, team, "PC-9011");
        team = await TeamScenario.AddAsync(suite, s.Force, team, "PC-9012");

        var both = await ListAsync(s, new ListOverdueObligationsRequest { Team = team.Name });
        await new TeamsService.TeamsServiceClient(suite.Channel).RemoveTeamMemberAsync(
            new RemoveTeamMemberRequest { Name = team.Name, Officer = "PC-9012", Etag = team.Etag }, suite.As(s.Force, TeamScenario.Supervisor, RoleSets.Supervisor));
        var afterLeaving = await ListAsync(s, new ListOverdueObligationsRequest { Team = team.Name });

        Assert.Equal([b.Obligation.Name, a.Obligation.Name], both.Select(o => o.Name));
        Assert.Equal(["PC-9012", "PC-9011"], both.Select(o => o.MosovoOfficer));
        Assert.All(both, o =>
        {
            Assert.Equal(ObligationKind.Arms, o.Kind);
            Assert.Equal(o.Nominal, o.TriggerRecord);
            Assert.Equal(ToDate(o.DueDate).AddDays(1), ToDate(o.OverdueSince));
            Assert.Equal(Today().DayNumber - ToDate(o.DueDate).DayNumber, o.DaysOverdue);
        });
        Assert.Equal([a.Obligation.Name], afterLeaving.Select(o => o.Name));
    }

    [Fact]
    public async Task R_MR3_the_forces_list_holds_every_officers_overdue_obligations_and_no_other_forces()
    {
        var s = new NominalScenario(suite, TestData.NewForce());
        var first = await OverdueArmsAsync(s, "PC-9021", Date(2025, 1, 6));
        var second = await OverdueArmsAsync(s, "PC-9022", Date(2025, 2, 3));
        await OverdueArmsAsync(new NominalScenario(suite, TestData.NewForce()), "PC-9021", Date(2025, 1, 6));

        var listed = await ListAsync(s, new ListOverdueObligationsRequest { PageSize = 1 });

        Assert.Equal([first.Obligation.Name, second.Obligation.Name], listed.Select(o => o.Name));
        Assert.All(listed, o => Assert.True(o.DaysOverdue > 0 && o.OverdueSince is not null));
    }

    [Fact]
    public async Task R_MR3_an_obligation_not_yet_due_is_not_overdue_and_has_no_since()
    {
        var s = new NominalScenario(suite, TestData.NewForce());
        var (nominal, _) = await OverdueArmsAsync(s, "PC-9031", Date(2025, 1, 6));
        var current = await s.GetAsync(nominal);
        await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = nominal, LeadAgency = LeadAgency.Police, Reason = "police lead again", Etag = current.Etag },
            suite.As(s.Force, "PC-9031", RoleSets.Mosovo));

        var all = await ObligationScenario.ListAsync(suite, s, nominal);

        Assert.Equal(2, all.Count);
        Assert.Null(all[1].OverdueSince);
        Assert.Equal(0, all[1].DaysOverdue);
        Assert.False(all[1].Overdue);
        Assert.Single(await ListAsync(s, new ListOverdueObligationsRequest { Officer = "PC-9031" }));
    }

    [Fact]
    public async Task R_MR3_another_forces_team_is_not_found_and_an_officer_with_a_team_is_invalid()
    {
        var s = new NominalScenario(suite, TestData.NewForce());
        var own = await TeamScenario.CreateAsync(suite, s.Force, "Own");
        var theirs = await TeamScenario.CreateAsync(suite, TestData.NewForce(), "Theirs");

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Obligations.ListOverdueObligationsAsync(
            new ListOverdueObligationsRequest { Team = theirs.Name }, s.AsSupervisor).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Obligations.ListOverdueObligationsAsync(
            new ListOverdueObligationsRequest { Team = "teams/" + Guid.NewGuid() }, s.AsSupervisor).ResponseAsync);
        var both = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Obligations.ListOverdueObligationsAsync(
            new ListOverdueObligationsRequest { Team = own.Name, Officer = "PC-9041" }, s.AsSupervisor).ResponseAsync);
        var malformed = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Obligations.ListOverdueObligationsAsync(
            new ListOverdueObligationsRequest { Team = "teams/../nominals" }, s.AsSupervisor).ResponseAsync);

        Assert.Equal(["team"], both.ViolatedFields());
        Assert.Equal("R-MR3", both.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(["team"], malformed.ViolatedFields());
        Assert.Empty(await ListAsync(s, new ListOverdueObligationsRequest { Team = own.Name }));
    }

    /// <summary>
    /// A nominal of the scenario's force managed by <paramref name="officer"/>, police led, then
    /// probation led from <paramref name="effective"/>: its ARMS obligation (R-AS5), overdue when
    /// the date is far enough in the past.
    /// </summary>
    private async Task<(string Nominal, Obligation Obligation)> OverdueArmsAsync(NominalScenario s, string officer, CalendarDate effective)
    {
        var asOfficer = suite.As(s.Force, officer, RoleSets.Mosovo);
        var created = (await s.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, asOfficer)).Nominal;
        var assigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = created.Name, Officer = officer, Reason = "allocation", Etag = created.Etag }, s.AsSupervisor)).Nominal;
        var police = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = created.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = assigned.Etag }, asOfficer)).Nominal;
        await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest
        {
            Name = created.Name, LeadAgency = LeadAgency.Probation, Reason = "licence", Etag = police.Etag, EffectiveDate = effective,
        }, asOfficer);
        return (created.Name, Assert.Single(await ObligationScenario.ListAsync(suite, s, created.Name)));
    }

    /// <summary>Every page of the overdue list.</summary>
    private async Task<IReadOnlyList<Obligation>> ListAsync(NominalScenario s, ListOverdueObligationsRequest request)
    {
        var all = new List<Obligation>();
        do
        {
            var page = await Obligations.ListOverdueObligationsAsync(request, s.AsSupervisor);
            all.AddRange(page.Obligations);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }

    private static DateOnly ToDate(CalendarDate d) => new(d.Year, d.Month, d.Day);

    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
}
