using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// Mints tokens signed with the configured symmetric key: services calling each other with the
/// <see cref="Roles.Service"/> role (the service audience, in every environment), and people's
/// tokens for the dev-token command and tests (accepted in Development and Testing only). Not an
/// identity provider: people's tokens in Production come from the force's IdP with the same claims.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
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

        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = forService ? options.ServiceIssuer : options.Issuer,
            Audience = forService ? options.ServiceAudience : options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(SigningKey(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    internal static SymmetricSecurityKey SigningKey(AuthOptions options) =>
        AuthOptions.KeyProblem(options.SigningKey) is { } problem
            ? throw new InvalidOperationException(problem)
            : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
}
