using Microsoft.Extensions.Primitives;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("30S", 30_000)]
    [InlineData("500m", 500)]
    [InlineData("2M", 120_000)]
    [InlineData("1H", 3_600_000)]
    [InlineData("1500000u", 1_500)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void Valid_header_values_parse(string value, long milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("30")]
    [InlineData("30s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void Malformed_header_values_do_not_parse(string value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    [Theory]
    [InlineData(30_000, "30S")]
    [InlineData(120_000, "120S")]
    [InlineData(500, "500m")]
    [InlineData(1_500, "1500m")]
    public void Timeouts_format_as_whole_seconds_or_milliseconds(long milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Sub_millisecond_timeouts_round_up_and_huge_ones_use_coarser_units()
    {
        Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.FromTicks(1)));
        Assert.Equal("1666667M", GrpcTimeout.Format(TimeSpan.FromSeconds(100_000_001)));
    }

    [Theory]
    [InlineData(null, "30S")]
    [InlineData("not-a-timeout", "30S")]
    [InlineData("121S", "120S")]
    [InlineData("3H", "120S")]
    [InlineData("120S", null)]
    [InlineData("5000m", null)]
    public void Forwarded_value_adds_the_default_and_clamps_to_the_maximum(string? incoming, string? expected)
    {
        var forwarded = GrpcTimeout.ForwardedValue(
            incoming is null ? StringValues.Empty : new StringValues(incoming), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120));

        Assert.Equal(expected, forwarded);
    }

    [Fact]
    public void Repeated_header_gets_the_default()
    {
        Assert.Equal("30S", GrpcTimeout.ForwardedValue(new StringValues(["1S", "2S"]), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120)));
    }

    [Theory]
    [InlineData(null, 30_000)]
    [InlineData("garbage", 30_000)]
    [InlineData("2S", 2_000)]
    [InlineData("500m", 500)]
    [InlineData("10M", 120_000)]
    public void Gateway_enforces_the_callers_deadline_capped_at_the_maximum_or_the_default_without_one(string? incoming, long milliseconds)
    {
        var effective = GrpcTimeout.Effective(
            incoming is null ? StringValues.Empty : new StringValues(incoming), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), effective);
    }
}
