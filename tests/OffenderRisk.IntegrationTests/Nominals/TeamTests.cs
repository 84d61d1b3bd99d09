using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Teams kept by the service (R-MR3: overdue work is listed per officer, team and force), through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class TeamTests(SuiteFixture suite)
{
    private TeamsService.TeamsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_MR3_a_supervisor_creates_a_team_and_adds_officers_in_the_order_they_join()
    {
        var force = TestData.NewForce();
        var team = await TeamScenario.CreateAsync(suite, force, "North MOSOVO");
        var one = await TeamScenario.AddAsync(suite, force, team, "PC-8001");
        var two = await TeamScenario.AddAsync(suite, force, one, "PC-8002");

        var read = (await Client.GetTeamAsync(new GetTeamRequest { Name = team.Name }, suite.As(force, "PC-8003", RoleSets.Officer))).Team;

        Assert.StartsWith("teams/", team.Name, StringComparison.Ordinal);
        Assert.Equal(force, read.ForceCode);
        Assert.Equal("North MOSOVO", read.DisplayName);
        Assert.Equal(["PC-8001", "PC-8002"], read.Members);
        Assert.Equal(two, read);
        Assert.NotEqual(one.Etag, two.Etag);
    }

    [Fact]
    public async Task A_display_name_is_unique_in_the_force_ignoring_case_but_not_across_forces()
    {
        var force = TestData.NewForce();
        await TeamScenario.CreateAsync(suite, force, "South Team");

        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Client.CreateTeamAsync(
            new CreateTeamRequest { Team = new Team { DisplayName = "SOUTH team" } }, suite.As(force, "SGT-8011", RoleSets.Supervisor)).ResponseAsync);
        var elsewhere = await TeamScenario.CreateAsync(suite, TestData.NewForce(), "South Team");

        Assert.Equal("team.display_name", e.ErrorInfo().Metadata["field"]);
        Assert.Equal("South Team", elsewhere.DisplayName);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM teams WHERE force_code = @force", force));
    }

    [Fact]
    public async Task R_MR3_an_officer_is_in_one_team_of_a_force_at_a_time()
    {
        var force = TestData.NewForce();
        var east = await TeamScenario.AddAsync(suite, force, await TeamScenario.CreateAsync(suite, force, "East"), "PC-8021");
        var west = await TeamScenario.CreateAsync(suite, force, "West");

        var elsewhere = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = west.Name, Officer = "PC-8021", Etag = west.Etag }, suite.As(force, "SGT-8022", RoleSets.Supervisor)).ResponseAsync);
        var again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = east.Name, Officer = "PC-8021", Etag = east.Etag }, suite.As(force, "SGT-8022", RoleSets.Supervisor)).ResponseAsync);
        var removed = (await Client.RemoveTeamMemberAsync(new RemoveTeamMemberRequest { Name = east.Name, Officer = "PC-8021", Etag = east.Etag },
            suite.As(force, "SGT-8022", RoleSets.Supervisor))).Team;
        var moved = await TeamScenario.AddAsync(suite, force, west, "PC-8021");

        Assert.Equal("OFFICER_IN_ANOTHER_TEAM", elsewhere.ErrorInfo().Reason);
        Assert.Equal("officer", elsewhere.ErrorInfo().Metadata["field"]);
        Assert.Equal("NO_CHANGE", again.ErrorInfo().Reason);
        Assert.Empty(removed.Members);
        Assert.Equal(["PC-8021"], moved.Members);
        // The same officer id may be in a team of another force: membership is per force.
        var other = TestData.NewForce();
        Assert.Equal(["PC-8021"], (await TeamScenario.AddAsync(suite, other, await TeamScenario.CreateAsync(suite, other, "East"), "PC-8021")).Members);
    }

    [Fact]
    public async Task Removing_an_officer_who_is_not_a_member_is_no_change_and_a_stale_etag_is_aborted()
    {
        var force = TestData.NewForce();
        var team = await TeamScenario.CreateAsync(suite, force, "Central");
        var added = await TeamScenario.AddAsync(suite, force, team, "PC-8031");

        var notMember = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RemoveTeamMemberAsync(
            new RemoveTeamMemberRequest { Name = team.Name, Officer = "PC-8032", Etag = added.Etag }, suite.As(force, "SGT-8033", RoleSets.Supervisor)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Aborted, () => Client.AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = team.Name, Officer = "PC-8034", Etag = team.Etag }, suite.As(force, "SGT-8033", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal("NO_CHANGE", notMember.ErrorInfo().Reason);
        Assert.Equal(["PC-8031"], (await Client.GetTeamAsync(new GetTeamRequest { Name = team.Name }, suite.As(force, "AN-8035", RoleSets.Analyst))).Team.Members);
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_naming_every_field_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var team = await TeamScenario.CreateAsync(suite, force, "Bounds");

        var name = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.CreateTeamAsync(
            new CreateTeamRequest { Team = new Team { DisplayName = new string('x', 101) } }, suite.As(force, "SGT-8041", RoleSets.Supervisor)).ResponseAsync);
        var member = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = team.Name, Officer = "PC 8041\n" }, suite.As(force, "SGT-8041", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(["team.display_name"], name.ViolatedFields());
        Assert.Equal(["officer"], member.ViolatedFields()); // the control character is refused before validation (issue 13)
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM teams WHERE force_code = @force", force));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM team_members WHERE force_code = @force", force));
    }

    [Fact]
    public async Task Only_a_supervisor_changes_teams_and_a_repeated_request_id_creates_one()
    {
        var force = TestData.NewForce();
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Client.CreateTeamAsync(
            new CreateTeamRequest { Team = new Team { DisplayName = "Mine" } }, suite.As(force, "PC-8051", RoleSets.Mosovo)).ResponseAsync);
        var request = new CreateTeamRequest { Team = new Team { DisplayName = "Once" }, RequestId = Guid.NewGuid().ToString() };

        var first = await Client.CreateTeamAsync(request, suite.As(force, "SGT-8052", RoleSets.Supervisor));
        var second = await Client.CreateTeamAsync(request, suite.As(force, "SGT-8052", RoleSets.Supervisor));

        Assert.Equal(first, second);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM teams WHERE force_code = @force", force));
    }

    [Fact]
    public async Task Teams_are_listed_by_display_name_a_page_at_a_time_and_another_forces_team_is_not_found()
    {
        var force = TestData.NewForce();
        foreach (var name in new[] { "charlie", "Alpha", "bravo" })
        {
            await TeamScenario.CreateAsync(suite, force, name);
        }
        var other = await TeamScenario.CreateAsync(suite, TestData.NewForce(), "Alpha");

        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await Client.ListTeamsAsync(new ListTeamsRequest { PageSize = 2, PageToken = token }, suite.As(force, "AN-8061", RoleSets.Analyst));
            listed.AddRange(page.Teams.Select(t => t.DisplayName));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["Alpha", "bravo", "charlie"], listed);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetTeamAsync(new GetTeamRequest { Name = other.Name }, suite.As(force, "AN-8061", RoleSets.Analyst)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = other.Name, Officer = "PC-8062", Etag = other.Etag }, suite.As(force, "SGT-8063", RoleSets.Supervisor)).ResponseAsync);
    }

    [Fact]
    public async Task R_AU1_reads_and_changes_of_a_team_are_audited()
    {
        var force = TestData.NewForce();
        var team = await TeamScenario.CreateAsync(suite, force, "Audited");
        await TeamScenario.AddAsync(suite, force, team, "PC-8071");
        await Client.GetTeamAsync(new GetTeamRequest { Name = team.Name }, suite.As(force, "AN-8072", RoleSets.Analyst));

        await using var db = await suite.Storage.OpenAsync("nominals");
        var entries = (await db.QueryAsync<(long Operation, string Subject)>(
            "SELECT operation, subject FROM audit_log WHERE actor_force = @force ORDER BY sequence", new { force })).ToList();
        Assert.Equal(
            [
                ((long)Contracts.Audit.V1.AuditOperation.Collection, team.Name),
                ((long)Contracts.Audit.V1.AuditOperation.Alteration, team.Name),
                ((long)Contracts.Audit.V1.AuditOperation.Consultation, team.Name),
            ],
            entries);
    }

    private async Task<long> CountAsync(string sql, string force)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return await db.ExecuteScalarAsync<long>(sql, new { force });
    }
}

/// <summary>Teams as the tests arrange them: created and filled by a supervisor of the force.</summary>
public static class TeamScenario
{
    public const string Supervisor = "SGT-TEAMS-1";

    public static async Task<Team> CreateAsync(SuiteFixture suite, string force, string displayName) =>
        (await new TeamsService.TeamsServiceClient(suite.Channel).CreateTeamAsync(
            new CreateTeamRequest { Team = new Team { DisplayName = displayName } }, suite.As(force, Supervisor, RoleSets.Supervisor))).Team;

    public static async Task<Team> AddAsync(SuiteFixture suite, string force, Team team, string officer) =>
        (await new TeamsService.TeamsServiceClient(suite.Channel).AddTeamMemberAsync(
            new AddTeamMemberRequest { Name = team.Name, Officer = officer, Etag = team.Etag }, suite.As(force, Supervisor, RoleSets.Supervisor))).Team;
}
