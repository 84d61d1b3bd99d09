using Microsoft.Extensions.Time.Testing;
using OffenderRisk.Client;

namespace OffenderRisk.UnitTests.Client;

public class TokenCachingTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private int _fetches;

    private CachingTokenSource Source(TimeSpan lifetime) => new(_ =>
    {
        var n = Interlocked.Increment(ref _fetches);
        return Task.FromResult(new AccessToken($"token-{n}", _clock.GetUtcNow() + lifetime));
    }, _clock);

    [Fact]
    public async Task A_token_is_reused_until_a_minute_before_it_expires()
    {
        using var source = Source(TimeSpan.FromMinutes(30));

        var first = await source.GetTokenAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(28) + TimeSpan.FromSeconds(59));
        var stillCached = await source.GetTokenAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await source.GetTokenAsync(default);

        Assert.Equal("token-1", first.Value);
        Assert.Equal("token-1", stillCached.Value);
        Assert.Equal("token-2", renewed.Value);
    }

    [Fact]
    public async Task Many_calls_wanting_a_token_at_once_fetch_it_once()
    {
        var release = new TaskCompletionSource();
        using var source = new CachingTokenSource(async _ =>
        {
            Interlocked.Increment(ref _fetches);
            await release.Task;
            return new AccessToken("shared", _clock.GetUtcNow().AddHours(1));
        }, _clock);

        var waiting = Enumerable.Range(0, 20).Select(_ => source.GetTokenAsync(default).AsTask()).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(waiting);

        Assert.Equal(1, _fetches);
        Assert.All(tokens, t => Assert.Equal("shared", t.Value));
    }

    [Fact]
    public async Task Invalidating_the_cache_fetches_a_new_token_on_the_next_call()
    {
        using var source = Source(TimeSpan.FromHours(1));
        await source.GetTokenAsync(default);

        source.Invalidate();

        Assert.Equal("token-2", (await source.GetTokenAsync(default)).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("line\r\nbreak")]
    public async Task A_token_that_cannot_go_in_a_header_is_refused_without_quoting_it(string bad)
    {
        using var source = new CachingTokenSource(_ => Task.FromResult(new AccessToken(bad, _clock.GetUtcNow().AddHours(1))), _clock);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.True(bad.Length == 0 || !e.Message.Contains(bad, StringComparison.Ordinal));
    }

    [Fact]
    public void An_oversized_fixed_token_is_refused_when_the_source_is_made()
    {
        Assert.Throws<InvalidOperationException>(() => TokenSource.Fixed(new string('a', AccessToken.MaxLength + 1)));
    }
}
