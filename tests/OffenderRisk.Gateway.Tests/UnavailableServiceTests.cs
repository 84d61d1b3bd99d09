using System.Diagnostics;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>A service that is down costs the caller a prompt gRPC UNAVAILABLE, never a hang.</summary>
public sealed class UnavailableServiceTests(DegradedGatewayFixture fixture) : IClassFixture<DegradedGatewayFixture>
{
    [Fact]
    public async Task Down_service_gives_unavailable_promptly_not_at_the_callers_deadline()
    {
        await WarmUpAsync();

        var (error, elapsed) = await FailingCallAsync("offenderrisk.nominals.v1.GatewayProbeService");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The nominals service is unavailable.", error.Status.Detail); // no exception text
        Assert.True(elapsed < Prompt, $"took {elapsed}");
    }

    [Fact]
    public async Task Service_that_never_accepts_the_connection_gives_unavailable_after_the_connect_timeout()
    {
        await WarmUpAsync();

        var (error, elapsed) = await FailingCallAsync("offenderrisk.assessments.v1.GatewayProbeService");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The assessments service is unavailable.", error.Status.Detail);
        // Gateway:ConnectTimeout is 0.5 s here: the gateway waited for it, then answered long
        // before the caller's 20 s deadline (the upper bound leaves room for a loaded CI machine).
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), Prompt);
    }

    [Fact]
    public async Task Service_with_no_available_destination_gives_unavailable()
    {
        await WarmUpAsync();

        var (error, elapsed) = await FailingCallAsync($"{DegradedGatewayFixture.EmptyClusterPackage}.GatewayProbeService");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The empty service is unavailable.", error.Status.Detail);
        Assert.True(elapsed < Prompt, $"took {elapsed}");
    }

    [Fact]
    public async Task Configured_default_deadline_is_the_one_added()
    {
        var reply = await fixture.Channel.ProbeAsync("offenderrisk.interventions.v1.GatewayProbeService");

        Assert.Equal("7S", reply.GrpcTimeout);
    }

    /// <summary>Far inside the caller's 20 s deadline, with room for a loaded machine's scheduling;
    /// a gateway that waited for the deadline or hung would take 20 s.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    /// <summary>The connection to the gateway and its first proxied call, so timings measure the
    /// failure handling alone.</summary>
    private async Task WarmUpAsync() => await fixture.Channel.ProbeAsync("offenderrisk.interventions.v1.GatewayProbeService");

    private async Task<(RpcException Error, TimeSpan Elapsed)> FailingCallAsync(string service)
    {
        var clock = Stopwatch.StartNew();
        // The caller's own deadline is far away: a prompt answer must come from the gateway.
        var error = await Assert.ThrowsAsync<RpcException>(
            () => fixture.Channel.ProbeAsync(service, deadline: DateTime.UtcNow.AddSeconds(20)));
        return (error, clock.Elapsed);
    }
}
