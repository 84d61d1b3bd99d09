namespace OffenderRisk.Client;

/// <summary>Where the gateway is and how calls to it behave. Defaults follow the gateway's own settings.</summary>
public sealed class OffenderRiskClientOptions
{
    /// <summary>Configuration section for <see cref="ServiceCollectionExtensions.AddOffenderRiskClients(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{OffenderRiskClientOptions})"/> callers that bind it.</summary>
    public const string SectionName = "OffenderRisk";

    /// <summary>The gateway, e.g. <c>http://127.0.0.1:5100</c> (h2c, local suite) or an https address.</summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// The deadline a call gets when the caller sets none. The gateway gives such calls 30 s
    /// (Gateway:DefaultDeadline); setting it here means the client gives up at the same moment.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest deadline sent: the gateway caps every call at Gateway:MaxDeadline (120 s), so a
    /// longer one would only make the client wait after the gateway has given up.
    /// </summary>
    public TimeSpan MaxDeadline { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of refusals that are safe to repeat (see <see cref="RetryPolicy"/>).</summary>
    public OffenderRiskRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Send bearer tokens over cleartext HTTP/2 (h2c) to an address that is not loopback, e.g. a
    /// gateway inside a cluster network. Tokens to loopback (the local suite on 127.0.0.1:5100) are
    /// always allowed; anywhere else cleartext would expose them, so it must be chosen.
    /// </summary>
    public bool AllowTokensOverCleartext { get; set; }

    /// <summary>The largest response message accepted (the services answer pages well under this).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether tokens may be attached to calls to <paramref name="address"/>.</summary>
    internal bool TokensAllowedTo(Uri address) =>
        address.Scheme == Uri.UriSchemeHttps || address.IsLoopback || AllowTokensOverCleartext;

    internal Uri RequiredAddress() =>
        Address ?? throw new InvalidOperationException("OffenderRiskClientOptions.Address is required: the gateway's address, e.g. http://127.0.0.1:5100.");
}

/// <summary>How many times and how long apart a safe call is tried again.</summary>
public sealed class OffenderRiskRetryOptions
{
    /// <summary>No retries: every refusal reaches the caller as the gateway or service sent it.</summary>
    public static OffenderRiskRetryOptions Disabled => new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included (1 = no retries). At most 10.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry of UNAVAILABLE; doubled each time, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest backoff between UNAVAILABLE retries.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest RetryInfo delay honoured; a rate limit asking for longer is returned to the caller.</summary>
    public TimeSpan MaxRetryInfoDelay { get; set; } = TimeSpan.FromSeconds(10);
}
