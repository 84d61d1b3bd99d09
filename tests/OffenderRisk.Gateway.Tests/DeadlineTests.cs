using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>Every call reaches a service with a deadline no longer than Gateway:MaxDeadline.</summary>
public sealed class DeadlineTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Service = "offenderrisk.assessments.v1.GatewayProbeService";

    [Fact]
    public async Task Call_without_deadline_reaches_the_service_with_the_default_deadline()
    {
        var reply = await fixture.Channel.ProbeAsync(Service);

        Assert.Equal("30S", reply.GrpcTimeout);
    }

    [Fact]
    public async Task Deadline_longer_than_the_maximum_is_clamped_to_the_maximum()
    {
        var reply = await fixture.Channel.ProbeAsync(Service, deadline: DateTime.UtcNow.AddMinutes(10));

        Assert.Equal("120S", reply.GrpcTimeout);
    }

    [Fact]
    public async Task Deadline_within_the_maximum_is_forwarded_as_the_caller_set_it()
    {
        var reply = await fixture.Channel.ProbeAsync(Service, deadline: DateTime.UtcNow.AddSeconds(5));

        Assert.True(GrpcTimeout.TryParse(reply.GrpcTimeout, out var forwarded), reply.GrpcTimeout);
        Assert.InRange(forwarded, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
    }
}
