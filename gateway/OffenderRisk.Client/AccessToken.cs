namespace OffenderRisk.Client;

/// <summary>A bearer token and when it stops being valid.</summary>
public readonly record struct AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Longest token accepted: far above a JWT with the suite's claims, well under header limits.</summary>
    public const int MaxLength = 8192;

    /// <summary>A token that never goes stale in the cache (e.g. one minted by OffenderRisk.DevTokens for a session).</summary>
    public static AccessToken NonExpiring(string value) => new(value, DateTimeOffset.MaxValue);

    /// <summary>Throws unless the value can go in an <c>authorization</c> header as it is.</summary>
    internal string CheckedValue()
    {
        if (string.IsNullOrEmpty(Value) || Value.Length > MaxLength || Value.Any(c => c <= ' ' || c > '~'))
        {
            // Never quote the token: it is a credential.
            throw new InvalidOperationException($"The token source returned an unusable token (empty, over {MaxLength} characters, or not printable ASCII).");
        }
        return Value;
    }
}

/// <summary>Where the client gets the bearer token for a call, e.g. the caller's identity provider.</summary>
public interface ITokenSource
{
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken);
}
