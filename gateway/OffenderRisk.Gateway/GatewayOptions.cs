using Microsoft.Extensions.Options;

namespace OffenderRisk.Gateway;

/// <summary>
/// What operators tune about the gateway itself (configuration section <c>Gateway</c>). Routes and
/// clusters are not here: they are the YARP <c>ReverseProxy</c> section of appsettings.json.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Where the gateway listens when the operator chose no address (no <c>--urls</c>,
    /// <c>URLS</c>, <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c> or <c>Kestrel:Endpoints</c>).
    /// Default <c>http://127.0.0.1:5100</c>.</summary>
    public string ListenUrls { get; set; } = "http://127.0.0.1:5100";

    /// <summary>Where the gateway also listens for HTTP/1.1: JSON over HTTP (<c>/v1/...</c>) and the
    /// OpenAPI document, for callers such as curl that do not speak cleartext HTTP/2 (Kestrel serves
    /// cleartext HTTP/2 only on an endpoint that serves nothing else). Added to whichever gRPC
    /// addresses were chosen (<c>--urls</c> or <see cref="ListenUrls"/>); ignored when
    /// <c>Kestrel:Endpoints</c> is configured, where the deployment names an Http1 endpoint itself.
    /// Empty: no HTTP/1.1 endpoint. Default <c>http://127.0.0.1:5180</c>.</summary>
    public string HttpListenUrls { get; set; } = "http://127.0.0.1:5180";

    /// <summary>Deadline added to a gRPC call that arrives without a valid <c>grpc-timeout</c>,
    /// so every call to a service ends. Default 30 seconds.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest deadline forwarded to a service; a caller's longer one is cut to this.
    /// Default 120 seconds.</summary>
    public TimeSpan MaxDeadline { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long the gateway waits for a TCP connection to a service before answering
    /// UNAVAILABLE. Default 1 second.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a proxied call may go without any data moving before the gateway gives
    /// up on it, for clusters that set no <c>HttpRequest:ActivityTimeout</c> of their own. Longer
    /// than <see cref="MaxDeadline"/> so the service's own DEADLINE_EXCEEDED reaches the caller
    /// first. Default 130 seconds.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>How long past a call's deadline the gateway still waits for the service's own answer
    /// before it cancels the proxied call and answers DEADLINE_EXCEEDED itself (a hung service
    /// never answers). Default 250 milliseconds.</summary>
    public TimeSpan DeadlineGrace { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most TCP connections one client address may hold open at once
    /// (<see cref="ConnectionsPerAddress"/>); 0 turns the cap off (behind a proxy that
    /// concentrates callers onto its own address). Below Kestrel's process-wide
    /// <c>Kestrel:Limits:MaxConcurrentConnections</c>, so one address cannot take them all.
    /// Default 500.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 500;

    /// <summary>How many validated bearer tokens the gateway remembers, each for at most a minute
    /// and never past its expiry (<see cref="ValidatedTokenCache"/>); 0 validates every call's
    /// token from scratch. Default 4,096.</summary>
    public int ValidatedTokenCacheSize { get; set; } = 4096;

    /// <summary>Token buckets per caller, per force and per client address (<see cref="GatewayRateLimits"/>).</summary>
    public GatewayRateLimits RateLimits { get; set; } = new();

    /// <summary>How often each destination's host name is resolved again into the addresses behind
    /// it (behind a Kubernetes headless Service: the ready pods of a service). Default 15 seconds.</summary>
    public TimeSpan DestinationRefreshPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first problem with these settings, or null when they are usable.</summary>
    public string? Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            return "Gateway:ConnectTimeout must be positive.";
        }
        if (DefaultDeadline <= TimeSpan.Zero || DefaultDeadline > MaxDeadline)
        {
            return "Gateway:DefaultDeadline must be positive and no longer than Gateway:MaxDeadline.";
        }
        if (DestinationRefreshPeriod <= TimeSpan.Zero)
        {
            return "Gateway:DestinationRefreshPeriod must be positive.";
        }
        if (ActivityTimeout <= MaxDeadline)
        {
            return "Gateway:ActivityTimeout must be longer than Gateway:MaxDeadline.";
        }
        if (DeadlineGrace < TimeSpan.Zero || DeadlineGrace > TimeSpan.FromSeconds(10))
        {
            return "Gateway:DeadlineGrace must be between 0 and 10 seconds.";
        }
        if (MaxConnectionsPerAddress < 0)
        {
            return "Gateway:MaxConnectionsPerAddress must be 0 (off) or more.";
        }
        if (ValidatedTokenCacheSize is < 0 or > 1_000_000)
        {
            return "Gateway:ValidatedTokenCacheSize must be between 0 (off) and 1,000,000.";
        }
        return RateLimits.PerCaller.Problem("Gateway:RateLimits:PerCaller")
            ?? RateLimits.PerForce.Problem("Gateway:RateLimits:PerForce")
            ?? RateLimits.PerAddress.Problem("Gateway:RateLimits:PerAddress");
    }
}

/// <summary>
/// The gateway's rate limits (configuration section <c>Gateway:RateLimits</c>), each a token
/// bucket: a call takes one token; a caller over its limit gets RESOURCE_EXHAUSTED with a
/// google.rpc.RetryInfo saying when to try again, and its calls never reach a service.
/// </summary>
public sealed class GatewayRateLimits
{
    /// <summary>Per caller: the token's force and subject together. Default 100 calls at once,
    /// then 50 a second.</summary>
    public TokenBucketSettings PerCaller { get; set; } = new() { TokenLimit = 100, TokensPerSecond = 50 };

    /// <summary>Per force (the token's force claim), shared by all its callers. Default 1,000 at
    /// once, then 500 a second.</summary>
    public TokenBucketSettings PerForce { get; set; } = new() { TokenLimit = 1000, TokensPerSecond = 500 };

    /// <summary>Per client address, for calls without a valid token (each is refused
    /// UNAUTHENTICATED; this bounds what refusing them costs). Default 300 at once, then 100 a second.</summary>
    public TokenBucketSettings PerAddress { get; set; } = new() { TokenLimit = 300, TokensPerSecond = 100 };
}

/// <summary>One token bucket: <see cref="TokenLimit"/> calls at once, refilled at
/// <see cref="TokensPerSecond"/>. A limit of 0 turns the bucket off.</summary>
public sealed class TokenBucketSettings
{
    public int TokenLimit { get; set; }

    public int TokensPerSecond { get; set; }

    public bool Enabled => TokenLimit > 0;

    /// <summary>The framework's options for this bucket: refilled every tenth of a second (or, below
    /// ten a second, one token at a time), no queue: a call over the limit is refused at once.</summary>
    public System.Threading.RateLimiting.TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerSecond >= 10 ? (TokensPerSecond + 9) / 10 : 1,
        ReplenishmentPeriod = TokensPerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / TokensPerSecond),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public string? Problem(string key) =>
        TokenLimit < 0 || (TokenLimit > 0 && TokensPerSecond <= 0)
            ? $"{key}: TokenLimit must be 0 (off) or positive, and TokensPerSecond positive when it is on."
            : null;
}

/// <summary>Stops the gateway at start when <see cref="GatewayOptions"/> cannot work.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
