namespace OffenderRisk.Nominals.Storage;

/// <summary>
/// Teams and their members (R-MR3). Every method runs in the caller's unit of work. A team's
/// members are rows of team_members, written with the team under its version.
/// </summary>
public sealed class TeamStore : IRecordStore<TeamRecord>
{
    private const string Columns = "id, force_code, display_name, create_time, update_time, version";

    public async Task<TeamRecord> InsertAsync(Session s, TeamRecord team)
    {
        await s.ExecuteAsync(
            $"INSERT INTO teams ({Columns}, display_name_key) VALUES (@Id, @ForceCode, @DisplayName, @CreateTime, @UpdateTime, @Version, @Key)",
            new
            {
                team.Id, team.ForceCode, team.DisplayName, Key = TeamRecord.DisplayNameKey(team.DisplayName),
                CreateTime = StoredTime.Format(team.CreateTime), UpdateTime = StoredTime.Format(team.UpdateTime), team.Version,
            });
        await WriteMembersAsync(s, team);
        return team;
    }

    public async Task<TeamRecord?> FindAsync(Session session, string id) =>
        (await QueryAsync(session, "SELECT * FROM teams WHERE id = @id", new { id })).SingleOrDefault();

    /// <summary>Whether a team of <paramref name="force"/> already has this display name, ignoring case.</summary>
    public async Task<bool> DisplayNameTakenAsync(Session s, string force, string displayName) =>
        await s.ScalarAsync<long>("SELECT COUNT(*) FROM teams WHERE force_code = @force AND display_name_key = @key",
            new { force, key = TeamRecord.DisplayNameKey(displayName) }) > 0;

    /// <summary>The id of the team of <paramref name="force"/> that <paramref name="officer"/> is in now, if any.</summary>
    public Task<string?> TeamOfAsync(Session s, string force, string officer) =>
        s.ScalarAsync<string?>("SELECT team_id FROM team_members WHERE force_code = @force AND officer = @officer", new { force, officer });

    /// <summary>A force's teams by display name (ignoring case), after the keyset cursor <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<TeamRecord>> ListAsync(Session s, string force, string? after, int limit)
    {
        var bar = after?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        var (afterKey, afterId) = bar < 0 ? (null, null) : (after![..bar], after[(bar + 1)..]);
        return await QueryAsync(s,
            """
            SELECT * FROM teams
            WHERE force_code = @force AND (@afterKey IS NULL OR display_name_key > @afterKey OR (display_name_key = @afterKey AND id > @afterId))
            ORDER BY display_name_key, id
            LIMIT @limit
            """, new { force, afterKey, afterId, limit });
    }

    /// <summary>The keyset cursor of the team list: its display name key and id.</summary>
    public static string CursorOf(TeamRecord t) => $"{TeamRecord.DisplayNameKey(t.DisplayName)}|{t.Id}";

    /// <summary>Writes the team and its members if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, TeamRecord updated, long expectedVersion)
    {
        var changed = await session.ExecuteAsync(
            "UPDATE teams SET update_time = @UpdateTime, version = @Version WHERE id = @Id AND version = @expectedVersion",
            new { updated.Id, UpdateTime = StoredTime.Format(updated.UpdateTime), updated.Version, expectedVersion });
        if (changed != 1)
        {
            return false;
        }
        await session.ExecuteAsync("DELETE FROM team_members WHERE team_id = @Id", new { updated.Id });
        await WriteMembersAsync(session, updated);
        return true;
    }

    private static async Task WriteMembersAsync(Session s, TeamRecord team)
    {
        for (var i = 0; i < team.Members.Count; i++)
        {
            await s.ExecuteAsync(
                "INSERT INTO team_members (team_id, force_code, officer, position) VALUES (@team, @force, @officer, @position)",
                new { team = team.Id, force = team.ForceCode, officer = team.Members[i], position = i });
        }
    }

    /// <summary>
    /// The teams <paramref name="teamsSql"/> selects (whole rows of teams, in the order it gives),
    /// each with its members in the order they joined: one query, the members joined in (a list
    /// parameter would not expand on PostgreSQL).
    /// </summary>
    private static async Task<IReadOnlyList<TeamRecord>> QueryAsync(Session s, string teamsSql, object parameters)
    {
        var rows = await s.QueryAsync<Row>(
            $"""
            SELECT t.id, t.force_code, t.display_name, t.display_name_key, t.create_time, t.update_time, t.version, m.officer
            FROM ({teamsSql}) t LEFT JOIN team_members m ON m.team_id = t.id
            ORDER BY t.display_name_key, t.id, m.position
            """, parameters);
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var r = g.First();
            return new TeamRecord(r.Id, r.ForceCode, r.DisplayName, g.Where(m => m.Officer is not null).Select(m => m.Officer!).ToArray(),
                StoredTime.Parse(r.CreateTime), StoredTime.Parse(r.UpdateTime), r.Version);
        }).ToList();
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string DisplayNameKey { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }
        public string? Officer { get; set; }
    }
}
