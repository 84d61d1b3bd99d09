using Grpc.Net.Client;

namespace OffenderRisk.Client;

/// <summary>The channel settings the gateway expects, for callers building their own channel.</summary>
public static class OffenderRiskChannel
{
    /// <summary>A channel to the gateway: HTTP/2 (h2c for http addresses), several connections when one is busy, call credentials allowed over h2c only to loopback unless <see cref="OffenderRiskClientOptions.AllowTokensOverCleartext"/>.</summary>
    public static GrpcChannel Create(OffenderRiskClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.RequiredAddress();
        var channelOptions = new GrpcChannelOptions();
        Configure(channelOptions, options);
        channelOptions.HttpHandler = handler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return GrpcChannel.ForAddress(address, channelOptions);
    }

    /// <summary>What <see cref="Create"/> and the DI registration both set on a channel.</summary>
    internal static void Configure(GrpcChannelOptions channel, OffenderRiskClientOptions options)
    {
        channel.UnsafeUseInsecureChannelCallCredentials = options.TokensAllowedTo(options.RequiredAddress());
        channel.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        // Retries are the interceptor's (RetryPolicy): it reads RetryInfo, which the built-in policy cannot.
        channel.ServiceConfig = null;
    }
}
