using Grpc.Core;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Calls;

/// <summary>
/// Call options for one service calling another, the one way: a service-to-service token (audience
/// <c>Auth:ServiceAudience</c>, which no person's token can carry: TokenAudiences; user
/// <c>svc:&lt;service&gt;</c>, role service, the force on whose behalf the call is made, which the
/// called service scopes and audits it by) and a deadline. In Production the token is signed with
/// this service's own key, which verifies only for this principal (ServiceKeys).
/// </summary>
public static class ServiceCallOptions
{
    /// <summary>How long a service token lives; each call mints its own.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The force claim of a feed consumer's token. A service principal reads every force's events
    /// (feeds scope only people by force), so it acts for no one force.
    /// </summary>
    public const string AllForces = "*";

    /// <summary>This service's principal towards the others, e.g. <c>svc:assessments</c>.</summary>
    public static string ServiceUser(ServiceIdentity identity) => ServiceKeys.Principal(identity.Name);

    /// <summary>
    /// Options for one call on behalf of <paramref name="force"/>, due within <paramref name="deadline"/>.
    /// The deadline is on the wall clock, as the token's lifetime is (<see cref="TokenIssuer"/>): the
    /// service's own clock may be set to another date in a test (SuiteClock).
    /// </summary>
    public static CallOptions Create(TokenIssuer tokens, ServiceIdentity identity, string force, TimeSpan deadline, CancellationToken ct)
    {
        var token = tokens.Issue(ServiceUser(identity), force, [Roles.Service], TokenLifetime);
        return new CallOptions(new Metadata { { "authorization", "Bearer " + token } },
            deadline: TimeProvider.System.GetUtcNow().UtcDateTime + deadline, cancellationToken: ct);
    }
}
