using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>The gateway's cache of validated tokens: only a token the real handler found valid is
/// remembered, under its exact text, until the earlier of its expiry and a minute; each call gets
/// its own identity; the cache never holds more than its size.</summary>
public sealed class ValidatedTokenCacheTests : IDisposable
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("validated-token-cache-tests-key-0123456789abcdef"));
    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "offenderrisk-dev",
        ValidAudience = "offenderrisk",
        IssuerSigningKey = Key,
        ClockSkew = TimeSpan.Zero,
    };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();
    private readonly ValidatedTokenCache _cache;

    public ValidatedTokenCacheTests() => _cache = new ValidatedTokenCache(_inner, size: 3, _clock);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_valid_token_is_validated_once_and_each_call_gets_its_own_identity()
    {
        var token = Token("PC-1001", TimeSpan.FromMinutes(5));

        var first = await _cache.ValidateTokenAsync(token, Parameters);
        var second = await _cache.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("PC-1001", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.IsType<JsonWebToken>(second.SecurityToken);
    }

    [Fact]
    public async Task An_invalid_token_is_never_remembered()
    {
        var forged = Token("PC-1001", TimeSpan.FromMinutes(5), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-entirely-0123456789abcdefghijklmnop")));

        Assert.False((await _cache.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await _cache.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.Equal(2, _inner.Calls);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task A_token_is_validated_again_after_a_minute_and_never_honoured_from_memory_past_its_expiry()
    {
        var longLived = Token("PC-1001", TimeSpan.FromMinutes(30));
        var shortLived = Token("PC-1002", TimeSpan.FromSeconds(10));
        await _cache.ValidateTokenAsync(longLived, Parameters);
        await _cache.ValidateTokenAsync(shortLived, Parameters);

        _clock.Advance(TimeSpan.FromSeconds(11));
        await _cache.ValidateTokenAsync(longLived, Parameters);   // remembered
        await _cache.ValidateTokenAsync(shortLived, Parameters);  // past its expiry: validated again
        Assert.Equal(3, _inner.Calls);

        _clock.Advance(ValidatedTokenCache.Lifetime);
        await _cache.ValidateTokenAsync(longLived, Parameters);   // past a minute: validated again
        Assert.Equal(4, _inner.Calls);
    }

    [Fact]
    public async Task A_token_differing_by_one_character_is_not_the_remembered_one()
    {
        var token = Token("PC-1001", TimeSpan.FromMinutes(5));
        await _cache.ValidateTokenAsync(token, Parameters);
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        var result = await _cache.ValidateTokenAsync(tampered, Parameters);

        Assert.False(result.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Many_distinct_valid_tokens_never_hold_more_than_the_cache_size()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await _cache.ValidateTokenAsync(Token($"PC-{2000 + i}", TimeSpan.FromMinutes(5)), Parameters)).IsValid);
        }

        Assert.InRange(_cache.Count, 1, 3);
    }

    private string Token(string user, TimeSpan lifetime, SecurityKey? key = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "offenderrisk-dev",
            Audience = "offenderrisk",
            Subject = new ClaimsIdentity([new Claim("sub", user), new Claim("force", "XA"), new Claim("role", "officer")]),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The real handler, validating on the test's clock, counting its calls.</summary>
    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _real = new();

        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return _real.ValidateTokenAsync(token, validationParameters);
        }
    }
}
