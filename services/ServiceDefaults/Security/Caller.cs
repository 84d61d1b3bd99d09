using System.Security.Claims;
using Grpc.Core;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>Who is calling: taken from the validated token of the current RPC.</summary>
public sealed record Caller(string UserId, string Force, IReadOnlyList<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsInAnyRole(params string[] roles) => roles.Any(IsInRole);

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirst(OffenderRiskClaims.Subject)?.Value
            ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var force = user.FindFirst(OffenderRiskClaims.Force)?.Value;
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(force))
        {
            // The policies require both; reaching here means an RPC escaped its policy.
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The token lacks a subject or force."));
        }
        // Roles come from the token's "role" claim only, as the authorization policies read them:
        // another claim type (such as .NET's long-form role URI) must not grant a role in handlers.
        var roles = user.FindAll(OffenderRiskClaims.Role).Select(c => c.Value)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new Caller(id, force, roles);
    }

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);
}
