using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Teams of officers (R-MR3), so that overdue obligations can be listed per team. Supervisors
/// create teams and move officers in and out; everyone who reads nominals reads teams. Another
/// force's team is NOT_FOUND like a missing one; every read and change is audited.
/// </summary>
public sealed class TeamsGrpcService(RecordAccess records, TeamStore teams, IdempotentCreate creates, TimeProvider clock)
    : TeamsService.TeamsServiceBase
{
    [Authorize(Policy = Policies.Supervise)]
    public override async Task<CreateTeamResponse> CreateTeam(CreateTeamRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var sent = request.Team ?? new Team();
        new Validator()
            .Required("team.display_name", sent.DisplayName)
            .MaxLength("team.display_name", sent.DisplayName, TeamRecord.MaxDisplayNameLength)
            .ThrowIfInvalid();
        return await creates.CreateAsync(call, request.RequestId, request, CreateTeamResponse.Parser, async s =>
            {
                if (await teams.DisplayNameTakenAsync(s, call.Force, sent.DisplayName))
                {
                    throw new ResourceAlreadyExistsException("TEAM_NAME_TAKEN", "team.display_name", "a team of the force already has this display name");
                }
                return await teams.InsertAsync(s, TeamRecord.New(sent.DisplayName, call.Force, clock.GetUtcNow()));
            },
            t => new CreateTeamResponse { Team = ToContract(t) });
    }

    [Authorize(Policy = Policies.ReadNominals)]
    public override Task<GetTeamResponse> GetTeam(GetTeamRequest request, ServerCallContext context) =>
        records.GetAsync(context.Scope(), teams, TeamNames.Parse(request.Name, "name"), t => new GetTeamResponse { Team = ToContract(t) });

    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<ListTeamsResponse> ListTeams(ListTeamsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"teams:{call.Force}",
            (s, after, limit) => teams.ListAsync(s, call.Force, after, limit), TeamStore.CursorOf,
            new AuditEvent(AuditOperation.Consultation, TeamNames.Collection, call.Force));
        return new ListTeamsResponse { Teams = { page.Items.Select(ToContract) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<AddTeamMemberResponse> AddTeamMember(AddTeamMemberRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (id, expectedVersion) = ValidateMemberRequest(request.Name, request.Officer, request.Etag);
        return await records.UpdateAsync(call, teams, id.Id, id.Name, expectedVersion,
            async (s, team, _) => team.AddMember(request.Officer, await teams.TeamOfAsync(s, team.ForceCode, request.Officer), "officer"),
            t => new AddTeamMemberResponse { Team = ToContract(t) });
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<RemoveTeamMemberResponse> RemoveTeamMember(RemoveTeamMemberRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (id, expectedVersion) = ValidateMemberRequest(request.Name, request.Officer, request.Etag);
        return await records.UpdateAsync(call, teams, id, expectedVersion,
            (team, _) => team.RemoveMember(request.Officer, "officer"),
            t => new RemoveTeamMemberResponse { Team = ToContract(t) });
    }

    private static (ResourceId Id, long ExpectedVersion) ValidateMemberRequest(string name, string officer, string etag)
    {
        var id = TeamNames.Parse(name, "name");
        var v = new Validator();
        v.Check(Identifiers.IsUserId(officer), "officer", "must be an officer's user id");
        var expectedVersion = Etag.Require(etag, v, "etag", "team");
        v.ThrowIfInvalid();
        return (id, expectedVersion);
    }

    private static Team ToContract(TeamRecord t) => new()
    {
        Name = t.ResourceName,
        ForceCode = t.ForceCode,
        DisplayName = t.DisplayName,
        Members = { t.Members },
        CreateTime = Timestamp.FromDateTimeOffset(t.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(t.UpdateTime),
        Etag = Etag.From(t.Version),
    };
}
