namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// R-MR3: a team of officers in a force, so that overdue work can be listed per team. An officer
/// belongs to at most one team of a force at a time (storage keeps that too: a unique
/// (force, officer) on the members); a display name is unique in the force, ignoring case.
/// </summary>
public sealed record TeamRecord(
    string Id,
    string ForceCode,
    string DisplayName,
    IReadOnlyList<string> Members,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IVersioned<TeamRecord>
{
    public const int MaxMembers = 200;

    public const int MaxDisplayNameLength = 100;

    public string ResourceName => TeamNames.Format(Id);

    /// <summary>A new team of <paramref name="force"/>, with no members yet.</summary>
    public static TeamRecord New(string displayName, string force, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, displayName.Trim(), [], now, now, 1);

    /// <summary>What makes two display names the same in a force: case (and surrounding spaces) aside.</summary>
    public static string DisplayNameKey(string displayName) => displayName.Trim().ToUpperInvariant();

    /// <summary>
    /// The team with <paramref name="officer"/> joined last. <paramref name="teamOfOfficer"/> is the
    /// team of the force the officer is in now, if any: another one is OFFICER_IN_ANOTHER_TEAM,
    /// this one NO_CHANGE.
    /// </summary>
    public TeamRecord AddMember(string officer, string? teamOfOfficer, string field)
    {
        if (Members.Contains(officer, StringComparer.Ordinal))
        {
            throw new PreconditionFailedException("NO_CHANGE", field, "the officer is already a member of this team");
        }
        if (teamOfOfficer is not null && teamOfOfficer != Id)
        {
            throw new PreconditionFailedException("OFFICER_IN_ANOTHER_TEAM", field,
                $"the officer is a member of {TeamNames.Format(teamOfOfficer)}: an officer is in one team of a force at a time (remove them there first)");
        }
        if (Members.Count >= MaxMembers)
        {
            throw new PreconditionFailedException("TEAM_FULL", field, $"a team has at most {MaxMembers} members");
        }
        return this with { Members = [.. Members, officer] };
    }

    /// <summary>The team without <paramref name="officer"/>; NO_CHANGE when they are not a member.</summary>
    public TeamRecord RemoveMember(string officer, string field) =>
        Members.Contains(officer, StringComparer.Ordinal)
            ? this with { Members = Members.Where(m => !string.Equals(m, officer, StringComparison.Ordinal)).ToArray() }
            : throw new PreconditionFailedException("NO_CHANGE", field, "the officer is not a member of this team");

    public TeamRecord Stamped(long version, DateTimeOffset time) => this with { Version = version, UpdateTime = time };
}

/// <summary>Resource names: "teams/{id}".</summary>
public static class TeamNames
{
    public const string Collection = "teams";

    public static string Format(string id) => ResourceNames.Format(Collection, id);

    /// <summary>The name in a request field, or INVALID_ARGUMENT naming the field.</summary>
    public static ResourceId Parse(string? name, string field) => ResourceNames.Parse(Collection, name, field);
}
