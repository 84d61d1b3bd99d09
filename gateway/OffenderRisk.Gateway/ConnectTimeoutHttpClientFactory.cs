using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace OffenderRisk.Gateway;

/// <summary>
/// YARP's client for the services, with <see cref="GatewayOptions.ConnectTimeout"/> instead of its
/// 15-second connect timeout: a service that does not accept a connection is reported to the
/// caller as UNAVAILABLE within about a second, rather than holding the call.
/// </summary>
/// <remarks>Headers, including <c>authorization</c>, are forwarded untouched: the gateway validates
/// the token and so does each service (ServiceDefaults' JWT bearer setup).</remarks>
public sealed class ConnectTimeoutHttpClientFactory(
    ILogger<ForwarderHttpClientFactory> logger, IOptions<GatewayOptions> options) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
