using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>
/// The gateway with small rate limits, so a test can exhaust them in a moment: per caller 10 at
/// once then 10 a second, per force 30 then 30 a second, per client address (calls without a valid
/// token) 20 then 20 a second.
/// </summary>
public sealed class RateLimitedGatewayFixture : IAsyncLifetime
{
    public const int PerCaller = 10;
    public const int PerForce = 30;
    public const int PerAddress = 20;

    public ProbeBackend Backend { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => (Backend, Gateway) = await StartAsync(new Dictionary<string, string>
    {
        ["Gateway__RateLimits__PerCaller__TokenLimit"] = $"{PerCaller}",
        ["Gateway__RateLimits__PerCaller__TokensPerSecond"] = $"{PerCaller}",
        ["Gateway__RateLimits__PerForce__TokenLimit"] = $"{PerForce}",
        ["Gateway__RateLimits__PerForce__TokensPerSecond"] = $"{PerForce}",
        ["Gateway__RateLimits__PerAddress__TokenLimit"] = $"{PerAddress}",
        ["Gateway__RateLimits__PerAddress__TokensPerSecond"] = $"{PerAddress}",
    });

    /// <summary>A probe backend for every cluster and the gateway pointed at it, with <paramref name="settings"/>.</summary>
    internal static async Task<(ProbeBackend, GatewayProcess)> StartAsync(Dictionary<string, string> settings)
    {
        var backend = await ProbeBackend.StartAsync(GatewayFixture.Clusters);
        foreach (var cluster in GatewayFixture.Clusters)
        {
            settings[GatewayProcess.DestinationVariable(cluster)] = backend.AddressOf(cluster);
        }
        return (backend, await GatewayProcess.StartAsync(settings));
    }

    /// <summary>A new channel (so a new connection) for a caller of a force.</summary>
    public GrpcChannel ChannelFor(string force, string user) =>
        ProbeContract.AuthenticatedChannel(Gateway.Address, GatewayProcess.Token(force, user));

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
    }
}

/// <summary>The gateway with a connection cap of 20 and a 2-second keep-alive (idle) timeout.</summary>
public sealed class ConnectionCappedGatewayFixture : IAsyncLifetime
{
    public const int MaxConnections = 20;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    public ProbeBackend Backend { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => (Backend, Gateway) = await RateLimitedGatewayFixture.StartAsync(new Dictionary<string, string>
    {
        ["Kestrel__Limits__MaxConcurrentConnections"] = $"{MaxConnections}",
        ["Kestrel__Limits__KeepAliveTimeout"] = IdleTimeout.ToString(),
    });

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
    }
}
