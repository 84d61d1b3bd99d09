using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>A probe backend for every cluster and a gateway pointed at it, started with the
/// edge settings a fixture gives (<see cref="Settings"/>), and both stopped at the end.</summary>
public abstract class EdgeGatewayFixture : IAsyncLifetime
{
    public ProbeBackend Backend { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>The gateway's environment beyond its destinations.</summary>
    protected abstract Dictionary<string, string> Settings();

    public async Task InitializeAsync() => (Backend, Gateway) = await StartAsync(Settings());

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

/// <summary>
/// The gateway with small rate limits, so a test can exhaust them in a moment: per caller 10 at
/// once then 10 a second, per force 30 then 30 a second, per client address (calls without a valid
/// token) 20 then 20 a second.
/// </summary>
public sealed class RateLimitedGatewayFixture : EdgeGatewayFixture
{
    public const int PerCaller = 10;
    public const int PerForce = 30;
    public const int PerAddress = 20;

    protected override Dictionary<string, string> Settings() => new()
    {
        ["Gateway__RateLimits__PerCaller__TokenLimit"] = $"{PerCaller}",
        ["Gateway__RateLimits__PerCaller__TokensPerSecond"] = $"{PerCaller}",
        ["Gateway__RateLimits__PerForce__TokenLimit"] = $"{PerForce}",
        ["Gateway__RateLimits__PerForce__TokensPerSecond"] = $"{PerForce}",
        ["Gateway__RateLimits__PerAddress__TokenLimit"] = $"{PerAddress}",
        ["Gateway__RateLimits__PerAddress__TokensPerSecond"] = $"{PerAddress}",
    };

    /// <summary>A new channel (so a new connection) for a caller of a force.</summary>
    public GrpcChannel ChannelFor(string force, string user) =>
        ProbeContract.AuthenticatedChannel(Gateway.Address, GatewayProcess.Token(force, user));
}

/// <summary>The gateway with a connection cap of 20 and a 2-second keep-alive (idle) timeout, and no
/// per-address cap (every test connection comes from one address).</summary>
public sealed class ConnectionCappedGatewayFixture : EdgeGatewayFixture
{
    public const int MaxConnections = 20;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    protected override Dictionary<string, string> Settings() => new()
    {
        ["Kestrel__Limits__MaxConcurrentConnections"] = $"{MaxConnections}",
        ["Kestrel__Limits__KeepAliveTimeout"] = IdleTimeout.ToString(),
        ["Gateway__MaxConnectionsPerAddress"] = "0",
    };
}

/// <summary>The gateway with a cap of 10 connections per client address, far below its process-wide
/// cap, and a 30-second keep-alive (idle) timeout, longer than the test runs.</summary>
public sealed class AddressCappedGatewayFixture : EdgeGatewayFixture
{
    public const int PerAddress = 10;

    protected override Dictionary<string, string> Settings() => new()
    {
        ["Kestrel__Limits__MaxConcurrentConnections"] = "1000",
        ["Kestrel__Limits__KeepAliveTimeout"] = "00:00:30",
        ["Gateway__MaxConnectionsPerAddress"] = $"{PerAddress}",
    };
}
