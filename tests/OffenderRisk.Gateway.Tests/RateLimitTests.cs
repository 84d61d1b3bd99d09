using System.Diagnostics;
using Google.Rpc;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>One caller's flood is refused at the gateway (RESOURCE_EXHAUSTED, with RetryInfo) and
/// costs other callers nothing; so is a force's, and an address's calls without a token.</summary>
public sealed class RateLimitTests(RateLimitedGatewayFixture fixture) : IClassFixture<RateLimitedGatewayFixture>
{
    private const string Service = "offenderrisk.interventions.v1.GatewayProbeService";

    [Fact]
    public async Task Flood_from_one_caller_is_resource_exhausted_while_another_caller_keeps_normal_latency()
    {
        using var flooder = fixture.ChannelFor("XB", "PC-FLOOD");
        using var other = fixture.ChannelFor("XC", "PC-OTHER");
        await other.ProbeAsync(Service); // the connection, so latencies measure calls alone

        var before = fixture.Backend.Calls;
        var flood = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => OutcomeAsync(flooder)));
        var reachedBackend = fixture.Backend.Calls - before;
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await other.ProbeAsync(Service);
            latencies.Add(clock.Elapsed);
        }

        var refused = flood.Where(e => e is not null).ToList();
        Assert.InRange(refused.Count, 200 - 3 * RateLimitedGatewayFixture.PerCaller, 200);
        Assert.All(refused, e => Assert.Equal(StatusCode.ResourceExhausted, e!.StatusCode));
        Assert.InRange(reachedBackend, 1, 3 * RateLimitedGatewayFixture.PerCaller);
        var retry = refused[0]!.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.True(latencies.Max() < TimeSpan.FromSeconds(1), string.Join(", ", latencies));
    }

    [Fact]
    public async Task Callers_of_one_force_share_its_limit_and_another_force_is_unaffected()
    {
        var outcomes = new List<RpcException?>();
        for (var caller = 0; caller < 10; caller++)
        {
            using var channel = fixture.ChannelFor("XD", $"PC-FORCE-{caller}");
            // Each caller stays within its own limit; together they pass the force's.
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, RateLimitedGatewayFixture.PerCaller - 2).Select(_ => OutcomeAsync(channel))));
        }
        using var elsewhere = fixture.ChannelFor("XE", "PC-ELSEWHERE");

        Assert.Contains(outcomes, e => e?.StatusCode == StatusCode.ResourceExhausted);
        Assert.Equal("interventions", (await elsewhere.ProbeAsync(Service)).ServedBy);
    }

    [Fact]
    public async Task Calls_without_a_token_are_limited_per_address()
    {
        using var anonymous = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Gateway.Address);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => OutcomeAsync(anonymous)));

        Assert.All(outcomes, e => Assert.NotNull(e));
        Assert.Contains(outcomes, e => e!.StatusCode == StatusCode.Unauthenticated);
        Assert.Contains(outcomes, e => e!.StatusCode == StatusCode.ResourceExhausted);
    }

    private static async Task<RpcException?> OutcomeAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        try
        {
            await channel.ProbeAsync(Service, deadline: DateTime.UtcNow.AddSeconds(20));
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }
}
