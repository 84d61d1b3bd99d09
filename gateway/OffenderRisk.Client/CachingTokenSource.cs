namespace OffenderRisk.Client;

/// <summary>
/// Asks the caller's delegate for a token only when the last one is missing or near its expiry,
/// and only once however many calls want one at that moment.
/// </summary>
public sealed class CachingTokenSource : ITokenSource, IDisposable
{
    /// <summary>Default refresh margin: a token is renewed this long before it expires, so a call never leaves with one that lapses in flight.</summary>
    public static readonly TimeSpan DefaultRefreshBefore = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task<AccessToken>> _fetch;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _refreshBefore;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken? _current;

    public CachingTokenSource(Func<CancellationToken, Task<AccessToken>> fetch, TimeProvider? clock = null, TimeSpan? refreshBefore = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        _fetch = fetch;
        _clock = clock ?? TimeProvider.System;
        _refreshBefore = refreshBefore ?? DefaultRefreshBefore;
        ArgumentOutOfRangeException.ThrowIfLessThan(_refreshBefore, TimeSpan.Zero);
    }

    public async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } cached)
        {
            return cached;
        }
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_current) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }
            var token = await _fetch(cancellationToken).ConfigureAwait(false);
            token.CheckedValue();
            _current = token;
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops the cached token, e.g. after the gateway answered UNAUTHENTICATED.</summary>
    public void Invalidate() => _current = null;

    private AccessToken? Fresh(AccessToken? token) =>
        token is { } t && (t.ExpiresAt == DateTimeOffset.MaxValue || _clock.GetUtcNow() < t.ExpiresAt - _refreshBefore) ? t : null;

    public void Dispose() => _refresh.Dispose();
}

/// <summary>Ready-made token sources.</summary>
public static class TokenSource
{
    /// <summary>One fixed token, e.g. from <c>TOKEN=$(dotnet run --project deploy/OffenderRisk.DevTokens -- ...)</c>.</summary>
    public static ITokenSource Fixed(string token) => new FixedTokenSource(AccessToken.NonExpiring(token));

    /// <summary>Tokens from the caller's delegate (an identity provider call), cached until <see cref="CachingTokenSource.DefaultRefreshBefore"/> before expiry.</summary>
    public static CachingTokenSource Cached(Func<CancellationToken, Task<AccessToken>> fetch, TimeProvider? clock = null, TimeSpan? refreshBefore = null) =>
        new(fetch, clock, refreshBefore);

    private sealed class FixedTokenSource(AccessToken token) : ITokenSource
    {
        private readonly AccessToken _token = token.CheckedValue() is not null ? token : default;

        public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);
    }
}
