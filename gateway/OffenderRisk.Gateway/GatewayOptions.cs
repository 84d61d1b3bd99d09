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
        return null;
    }
}

/// <summary>Stops the gateway at start when <see cref="GatewayOptions"/> cannot work.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
