using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Testing;
using Xunit;

// The timing tests measure the gateway, not a machine busy with other test classes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OffenderRisk.Gateway.Tests;

/// <summary>The gateway with the shipped appsettings.json, every cluster pointed at a healthy
/// probe backend, exporting its telemetry to a test receiver.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly string[] Clusters = ["nominals", "assessments", "interventions", "identity-checks"];

    public ProbeBackend Backend { get; private set; } = null!;
    public TelemetryCollector Telemetry { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>Calls with a valid officer token.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>Calls with no token unless a test adds one.</summary>
    public GrpcChannel AnonymousChannel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telemetry = await TelemetryCollector.StartAsync();
        Backend = await ProbeBackend.StartAsync(Clusters);
        var environment = new Dictionary<string, string>(Telemetry.ExporterEnvironment);
        foreach (var cluster in Clusters)
        {
            environment[GatewayProcess.DestinationVariable(cluster)] = Backend.AddressOf(cluster);
        }
        Gateway = await GatewayProcess.StartAsync(environment);
        Channel = ProbeContract.AuthenticatedChannel(Gateway.Address, GatewayProcess.Token());
        AnonymousChannel = GrpcChannel.ForAddress(Gateway.Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        AnonymousChannel?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }
    }
}

/// <summary>
/// The gateway with broken services: nominals points at a closed port, assessments at a port that
/// never answers (active health checks off, so every call really tries to connect), the extra
/// cluster "empty" has no destination at all; interventions is healthy. Non-default
/// Gateway:ConnectTimeout (0.5 s) and Gateway:DefaultDeadline (7 s) prove those keys are read.
/// </summary>
public sealed class DegradedGatewayFixture : IAsyncLifetime
{
    public const string EmptyClusterPackage = "offenderrisk.gatewaytests.v1";

    public ProbeBackend Backend { get; private set; } = null!;
    public BlackHoleListener BlackHole { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await ProbeBackend.StartAsync("interventions");
        BlackHole = await BlackHoleListener.StartAsync();
        Gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            [GatewayProcess.DestinationVariable("nominals")] = $"http://127.0.0.1:{FreePort.Next()}",
            [GatewayProcess.DestinationVariable("assessments")] = BlackHole.Address,
            ["ReverseProxy__Clusters__assessments__HealthCheck__Active__Enabled"] = "false",
            [GatewayProcess.DestinationVariable("interventions")] = Backend.AddressOf("interventions"),
            ["ReverseProxy__Routes__empty__ClusterId"] = "empty",
            ["ReverseProxy__Routes__empty__Match__Path"] = $"/{EmptyClusterPackage}.{{service}}/{{**method}}",
            ["ReverseProxy__Clusters__empty__HttpRequest__Version"] = "2",
            ["ReverseProxy__Clusters__empty__HttpRequest__VersionPolicy"] = "RequestVersionExact",
            ["Gateway__ConnectTimeout"] = "00:00:00.500",
            ["Gateway__DefaultDeadline"] = "00:00:07",
        });
        Channel = ProbeContract.AuthenticatedChannel(Gateway.Address, GatewayProcess.Token());
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        BlackHole?.Dispose();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
    }
}
