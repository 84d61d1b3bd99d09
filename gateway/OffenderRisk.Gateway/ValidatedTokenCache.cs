using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.Gateway;

/// <summary>
/// Remembers, for a short while, the bearer tokens the gateway has already validated, so a caller
/// sending the same token on every call pays for its signature and claims once
/// (<see cref="GatewayOptions.ValidatedTokenCacheSize"/>; PERFORMANCE.md section 4 measured token
/// validation at about a third of the gateway's own request work). It wraps JwtBearer's own
/// token handler: only a token that handler found valid is remembered, under its exact text, until
/// the earlier of its expiry and <see cref="Lifetime"/>, so a key withdrawn at the identity
/// provider stops being honoured here within that time. Everything after validation still runs on
/// every call (the audience and role rules of <c>TokenAudiences</c>, the policies, the rate limits),
/// each call gets its own copy of the identity, and the services behind the gateway validate every
/// token themselves. Bounded in entries: a flood of distinct valid tokens evicts, never grows.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler inner, int size, TimeProvider clock) : TokenHandler, IDisposable
{
    /// <summary>Longest a validated token is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = size });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_validated.TryGetValue(token, out Entry? entry) && entry!.Until > now)
        {
            return Copy(entry.Result);
        }
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && result.ClaimsIdentity is not null)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            if (now + Lifetime < until)
            {
                until = now + Lifetime;
            }
            if (until > now)
            {
                // A copy is remembered, so no call's identity is the remembered one.
                _validated.Set(token, new Entry(Copy(result), until),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
            }
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    /// <summary>Tokens remembered now (at most the size given).</summary>
    public int Count => _validated.Count;

    public void Dispose() => _validated.Dispose();

    /// <summary>A valid result with its own copy of the identity (the token itself is shared: nothing changes it after validation).</summary>
    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        SecurityToken = result.SecurityToken,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };

    private sealed record Entry(TokenValidationResult Result, DateTimeOffset Until);

    /// <summary>Wraps each of JwtBearer's token handlers in a cache of <paramref name="size"/> entries (0: none).</summary>
    public static void Register(IServiceCollection services, int size)
    {
        if (size <= 0)
        {
            return;
        }
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(new PostConfigureJwtBearer(size));
    }

    private sealed class PostConfigureJwtBearer(int size) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            for (var i = 0; i < options.TokenHandlers.Count; i++)
            {
                if (options.TokenHandlers[i] is not ValidatedTokenCache)
                {
                    options.TokenHandlers[i] = new ValidatedTokenCache(options.TokenHandlers[i], size, TimeProvider.System);
                }
            }
        }
    }
}
