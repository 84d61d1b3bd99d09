using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// Mints tokens, the one way: services calling each other with the <see cref="Roles.Service"/>
/// role (the service audience), signed with the service's own ECDSA P-256 key when one is
/// configured (<see cref="AuthOptions.ServiceSigningKey"/>, Production: ES256, <c>kid</c> the
/// service's key id, and only for that service's principal) and otherwise with the symmetric key
/// (Development and Testing); and people's tokens for the dev-token command and tests, signed with
/// the symmetric key (accepted in Development and Testing only). Not an identity provider: people's
/// tokens in Production come from the force's IdP with the same claims.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    /// <summary>The service's own key, read once: null where the symmetric key signs service tokens.</summary>
    private readonly ECDsaSecurityKey? _serviceKey = options.ServiceSigningKey.Length > 0 ? ServiceKeys.SigningKey(options) : null;

    public string Issue(string userId, string force, IEnumerable<string> roles, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(force);
        var claims = new List<Claim>
        {
            new(OffenderRiskClaims.Subject, userId),
            new(OffenderRiskClaims.Force, force),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        var roleList = roles.ToList();
        claims.AddRange(roleList.Select(r => new Claim(OffenderRiskClaims.Role, r)));
        // A service token is for the services' own audience, and carries no person's role (TokenAudiences).
        var forService = roleList.Contains(Roles.Service, StringComparer.Ordinal);
        if (forService && roleList.Count != 1)
        {
            throw new ArgumentException("A service token carries the service role and no other.", nameof(roles));
        }
        // A service's key signs only its own principal: the verifier refuses anything else (TokenAudiences).
        if (forService && _serviceKey is not null && userId != ServiceKeys.Principal(ServiceKeys.ServiceOf(_serviceKey.KeyId)))
        {
            throw new ArgumentException("A service's key signs only that service's principal.", nameof(userId));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = forService ? options.ServiceIssuer : options.Issuer,
            Audience = forService ? options.ServiceAudience : options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = forService && _serviceKey is not null
                ? new SigningCredentials(_serviceKey, SecurityAlgorithms.EcdsaSha256)
                : new SigningCredentials(SigningKey(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    internal static SymmetricSecurityKey SigningKey(AuthOptions options) =>
        AuthOptions.KeyProblem(options.SigningKey) is { } problem
            ? throw new InvalidOperationException(problem)
            : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
}
