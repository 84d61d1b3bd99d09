using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// Which token may be used for what, decided after its signature, issuer, audience and lifetime
/// have been checked (README "Identity"). A token is either a person's (audience
/// <see cref="AuthOptions.Audience"/>, any role but <see cref="Roles.Service"/>) or a service's
/// (audience <see cref="AuthOptions.ServiceAudience"/>, issuer <see cref="AuthOptions.ServiceIssuer"/>,
/// the role service and no other), never both; so a person's token cannot pass a service-only
/// policy and a service token cannot act as a person. Outside Development and Testing a person's
/// token must be signed with the identity provider's asymmetric key, and a service's with that
/// service's own key (<see cref="ServiceKeys"/>) naming that service as its subject; the symmetric
/// key signs nothing there.
/// </summary>
public static class TokenAudiences
{
    /// <summary>The algorithms accepted at all: HMAC for the suite's own key, RSA and EC for the identity provider's and EC for the services' own.</summary>
    public static readonly string[] Algorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>
    /// The algorithms accepted where <paramref name="symmetricKey"/> is false (outside Development
    /// and Testing): no HMAC at all, whatever key a token names.
    /// </summary>
    public static string[] AlgorithmsFor(bool symmetricKey) =>
        symmetricKey ? Algorithms : [.. Algorithms.Where(a => a != SecurityAlgorithms.HmacSha256)];

    /// <summary>
    /// Why <paramref name="token"/> must be refused, or null when it may be used.
    /// <paramref name="serviceKeys"/> is null in Development and Testing, where the symmetric key
    /// signs service tokens and may sign people's; elsewhere it holds the services' published keys.
    /// </summary>
    public static string? Problem(JsonWebToken token, AuthOptions options, ServiceKeys? serviceKeys)
    {
        var audiences = token.Audiences.ToList();
        var roles = token.Claims.Where(c => c.Type == OffenderRiskClaims.Role).Select(c => c.Value).ToList();
        var symmetric = token.Alg.StartsWith("HS", StringComparison.Ordinal);
        var forService = audiences.Contains(options.ServiceAudience, StringComparer.Ordinal);
        var forPeople = audiences.Contains(options.Audience, StringComparer.Ordinal);
        if (forService && forPeople)
        {
            return "a token is either a person's or a service's, not both";
        }
        // Which service's published key verified the signature (never the identity provider's key, nor the symmetric key).
        var signedByService = serviceKeys?.ServiceThatSigned(token);
        if (forService)
        {
            if (token.Issuer != options.ServiceIssuer || (serviceKeys is null && !symmetric))
            {
                return "a service token is issued by the suite's services";
            }
            if (serviceKeys is not null && signedByService is null)
            {
                return "a service token is signed with a service's own key";
            }
            if (signedByService is not null && token.Subject != ServiceKeys.Principal(signedByService))
            {
                return "a service's key signs only that service's principal";
            }
            return roles.Count == 1 && roles[0] == Roles.Service ? null : "a service token carries the service role and no other";
        }
        if (signedByService is not null)
        {
            return "a service's key signs only service tokens";
        }
        if (roles.Contains(Roles.Service, StringComparer.Ordinal))
        {
            return "the service role is only accepted for the service audience";
        }
        if (token.Issuer == options.ServiceIssuer)
        {
            return "the services issue only service tokens";
        }
        return symmetric && serviceKeys is not null ? "a person's token must be signed by the identity provider" : null;
    }
}
