using System.Net;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

public sealed class HealthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoint_answers_200_over_http2_without_credentials(string path)
    {
        using var http = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http.GetAsync(new Uri(fixture.Gateway.Address + path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Start_prints_the_bound_address()
    {
        Assert.Contains(GatewayProcess.ReadyLine + fixture.Gateway.Address, fixture.Gateway.Output, StringComparison.Ordinal);
    }
}
