using Microsoft.Extensions.Options;
using Xunit;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace OffenderRisk.Gateway.Tests;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Defaults_are_usable()
    {
        Assert.Null(new GatewayOptions().Validate());
    }

    [Fact]
    public void Default_deadline_longer_than_the_maximum_is_rejected()
    {
        var options = new GatewayOptions { DefaultDeadline = TimeSpan.FromMinutes(5) };

        Assert.Contains("DefaultDeadline", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_timeout_not_longer_than_the_maximum_deadline_is_rejected()
    {
        var options = new GatewayOptions { ActivityTimeout = TimeSpan.FromSeconds(120) };

        Assert.Contains("ActivityTimeout", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_connections_per_address_is_rejected_and_zero_turns_the_cap_off()
    {
        Assert.Contains("MaxConnectionsPerAddress", new GatewayOptions { MaxConnectionsPerAddress = -1 }.Validate(), StringComparison.Ordinal);
        Assert.Null(new GatewayOptions { MaxConnectionsPerAddress = 0 }.Validate());
    }

    [Fact]
    public void Rate_limit_with_tokens_but_no_refill_is_rejected()
    {
        var options = new GatewayOptions();
        options.RateLimits.PerForce.TokensPerSecond = 0;

        Assert.Contains("PerForce", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_limit_of_zero_turns_the_bucket_off()
    {
        var options = new GatewayOptions();
        options.RateLimits.PerAddress = new TokenBucketSettings();

        Assert.Null(options.Validate());
        Assert.False(options.RateLimits.PerAddress.Enabled);
    }

    [Fact]
    public void Slow_refill_adds_one_token_at_a_time()
    {
        var limiter = new TokenBucketSettings { TokenLimit = 5, TokensPerSecond = 4 }.ToLimiterOptions();

        Assert.Equal(1, limiter.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(250), limiter.ReplenishmentPeriod);
        Assert.Equal(0, limiter.QueueLimit);
    }

    [Fact]
    public async Task Cluster_without_activity_timeout_gets_the_gateway_one()
    {
        var filter = new ActivityTimeoutConfigFilter(Options.Create(new GatewayOptions { ActivityTimeout = TimeSpan.FromSeconds(77) }));
        var cluster = new ClusterConfig { ClusterId = "nominals", HttpRequest = new ForwarderRequestConfig { Version = new Version(2, 0) } };

        var configured = await filter.ConfigureClusterAsync(cluster, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(77), configured.HttpRequest!.ActivityTimeout);
        Assert.Equal(new Version(2, 0), configured.HttpRequest.Version);
    }

    [Fact]
    public async Task Cluster_with_its_own_activity_timeout_keeps_it()
    {
        var filter = new ActivityTimeoutConfigFilter(Options.Create(new GatewayOptions()));
        var cluster = new ClusterConfig { ClusterId = "nominals", HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(5) } };

        var configured = await filter.ConfigureClusterAsync(cluster, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), configured.HttpRequest!.ActivityTimeout);
    }
}
