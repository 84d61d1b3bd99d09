using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OffenderRisk.Gateway.Tests;

/// <summary>grpc.health.v1 answered by the gateway, without a token: "" for the suite, each
/// contract service by its full name, from the clusters' destination health.</summary>
public sealed class GrpcHealthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static readonly TheoryData<string> ServiceOfEachCluster = new()
    {
        "offenderrisk.nominals.v1.NominalsService",
        "offenderrisk.nominals.v1.VictimsService",
        "offenderrisk.assessments.v1.AssessmentsService",
        "offenderrisk.interventions.v1.PlansService",
        "offenderrisk.identity.v1.IdentityEnquiriesService",
        "offenderrisk.audit.v1.AuditService",
    };

    [Fact]
    public async Task Grpc_health_of_the_suite_is_serving_without_a_token_when_every_cluster_has_a_healthy_destination()
    {
        Assert.Equal(ServingStatus.Serving, await GrpcHealth.WaitForAsync(fixture.AnonymousChannel, "", ServingStatus.Serving));
    }

    [Theory]
    [MemberData(nameof(ServiceOfEachCluster))]
    public async Task Grpc_health_of_a_service_is_serving_when_its_cluster_is_healthy(string service)
    {
        Assert.Equal(ServingStatus.Serving, await GrpcHealth.WaitForAsync(fixture.AnonymousChannel, service, ServingStatus.Serving));
    }

    [Theory]
    [InlineData("offenderrisk.nominals.v1.NoSuchService")]
    [InlineData("offenderrisk.nominals.v1.GatewayProbeService")] // routed, but no contract declares it
    [InlineData("nominals")] // a cluster's name is not a service's
    public async Task Grpc_health_of_an_unknown_service_is_not_found(string service)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Health.HealthClient(fixture.AnonymousChannel).CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Grpc_health_watch_streams_the_suite_status_without_a_token()
    {
        await GrpcHealth.WaitForAsync(fixture.AnonymousChannel, "", ServingStatus.Serving);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = new Health.HealthClient(fixture.AnonymousChannel).Watch(new HealthCheckRequest { Service = "" }, cancellationToken: cancel.Token);

        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Grpc_health_check_with_a_token_answers_too()
    {
        var answer = await new Health.HealthClient(fixture.Channel).CheckAsync(new HealthCheckRequest { Service = "" });

        Assert.NotEqual(ServingStatus.Unknown, answer.Status);
    }
}

/// <summary>Health when parts of the suite are down (<see cref="DegradedGatewayFixture"/>: nominals
/// refuses connections, the extra cluster "empty" has no destination, interventions is healthy).</summary>
public sealed class GrpcHealthDegradedTests(DegradedGatewayFixture fixture) : IClassFixture<DegradedGatewayFixture>, IDisposable
{
    private readonly GrpcChannel _anonymous = GrpcChannel.ForAddress(fixture.Gateway.Address);

    public void Dispose() => _anonymous.Dispose();

    [Fact]
    public async Task Grpc_health_of_the_suite_is_not_serving_when_a_cluster_has_no_healthy_destination()
    {
        // interventions turning SERVING shows the active checks have run, so the suite's answer is not a start-up default.
        await GrpcHealth.WaitForAsync(_anonymous, "offenderrisk.interventions.v1.InterventionsService", ServingStatus.Serving);

        Assert.Equal(ServingStatus.NotServing, await GrpcHealth.CheckAsync(_anonymous, ""));
    }

    [Theory]
    [InlineData("offenderrisk.nominals.v1.NominalsService", ServingStatus.NotServing)]
    [InlineData("offenderrisk.nominals.v1.TeamsService", ServingStatus.NotServing)]
    [InlineData("offenderrisk.interventions.v1.InterventionsService", ServingStatus.Serving)]
    [InlineData("offenderrisk.interventions.v1.PlansService", ServingStatus.Serving)]
    [InlineData("offenderrisk.audit.v1.AuditService", ServingStatus.NotServing)] // served by every cluster, nominals' too
    public async Task Grpc_health_of_a_service_follows_its_cluster(string service, ServingStatus expected)
    {
        await GrpcHealth.WaitForAsync(_anonymous, "offenderrisk.interventions.v1.InterventionsService", ServingStatus.Serving);

        Assert.Equal(expected, await GrpcHealth.WaitForAsync(_anonymous, service, expected));
    }
}

/// <summary>Probes are not rate limited (<see cref="RateLimitedGatewayFixture"/>: 20 calls without a token per address).</summary>
public sealed class GrpcHealthRateLimitTests(RateLimitedGatewayFixture fixture) : IClassFixture<RateLimitedGatewayFixture>
{
    [Fact]
    public async Task Grpc_health_checks_without_a_token_are_not_rate_limited()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.Address);
        var client = new Health.HealthClient(channel);

        // Five times the per-address burst, at once: none refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, RateLimitedGatewayFixture.PerAddress * 5)
            .Select(_ => client.CheckAsync(new HealthCheckRequest { Service = "" }).ResponseAsync));

        Assert.All(answers, a => Assert.NotEqual(ServingStatus.Unknown, a.Status));
    }
}

internal static class GrpcHealth
{
    public static async Task<ServingStatus> CheckAsync(GrpcChannel channel, string service) =>
        (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service },
            deadline: DateTime.UtcNow.AddSeconds(10))).Status;

    /// <summary>Checks until the answer is <paramref name="expected"/> or 30 s have passed (the
    /// active health checks run every 2 s; a loaded machine may be slower); returns the last answer.</summary>
    public static async Task<ServingStatus> WaitForAsync(GrpcChannel channel, string service, ServingStatus expected)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await CheckAsync(channel, service);
            if (status == expected || DateTime.UtcNow > until)
            {
                return status;
            }
            await Task.Delay(200);
        }
    }
}
