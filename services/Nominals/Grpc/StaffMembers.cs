using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Grpc;

internal static class StaffMembers
{
    /// <summary>The caller as the domain rules see them: user, force and the roles they ask about.</summary>
    public static StaffMember Staff(this CallScope call) =>
        new(call.UserId, call.Force, call.IsInRole(Roles.Supervisor), call.IsInRole(Roles.MosovoOfficer));
}
