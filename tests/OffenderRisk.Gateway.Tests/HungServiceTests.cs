using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Gateway.Tests.Probe;
using OffenderRisk.Testing;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>
/// The caller's deadline is the gateway's timeout: a hung service (it never answers, whatever the
/// deadline) costs the caller its deadline and no more. Calls go over plain HTTP/2, because a gRPC
/// client library would enforce the deadline itself and hide whether the gateway does.
/// </summary>
public sealed class HungServiceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Path = "/offenderrisk.assessments.v1.GatewayProbeService/Probe";

    [Fact]
    public async Task Hung_service_and_a_two_second_deadline_give_deadline_exceeded_within_three_seconds()
    {
        using var http = RawGrpc.NewClient();
        await RawGrpc.CallAsync(http, fixture.Gateway.Address, Path, new ProbeRequest().ToByteArray(), Authorized("1S"), CancellationToken.None); // warm
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();

        var status = (await RawGrpc.CallAsync(http, fixture.Gateway.Address, Path, new ProbeRequest { HangSeconds = 30 }.ToByteArray(), Authorized("2S"), giveUp.Token)).Status;

        Assert.Equal((int)StatusCode.DeadlineExceeded, status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3));
    }

    private static Dictionary<string, string> Authorized(string grpcTimeout) => new()
    {
        ["authorization"] = "Bearer " + GatewayProcess.Token(),
        ["grpc-timeout"] = grpcTimeout,
    };
}
