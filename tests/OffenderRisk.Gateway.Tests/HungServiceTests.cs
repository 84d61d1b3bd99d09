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
    public async Task Hung_service_and_a_two_second_deadline_give_deadline_exceeded_at_the_deadline_not_when_the_service_answers()
    {
        using var http = RawGrpc.NewClient();
        await RawGrpc.CallAsync(http, fixture.Gateway.Address, Path, new ProbeRequest().ToByteArray(), Authorized("1S"), CancellationToken.None); // warm
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();

        var status = (await RawGrpc.CallAsync(http, fixture.Gateway.Address, Path, new ProbeRequest { HangSeconds = 30 }.ToByteArray(), Authorized("2S"), giveUp.Token)).Status;

        Assert.Equal((int)StatusCode.DeadlineExceeded, status);
        // The deadline plus the gateway's 0.25 s grace, with room for a loaded CI machine; the
        // service would answer only after 30 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
    }

    private static Dictionary<string, string> Authorized(string grpcTimeout) => new()
    {
        ["authorization"] = "Bearer " + GatewayProcess.Token(),
        ["grpc-timeout"] = grpcTimeout,
    };
}
