using System.Net;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>Swagger UI over the OpenAPI document is a Development page: served there on the
/// HTTP/1.1 port without a token, and absent in every other environment.</summary>
public sealed class SwaggerUiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Swagger_UI_is_served_in_Development_over_the_gateways_OpenAPI_document()
    {
        await using var gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        });
        using var http = new HttpClient { BaseAddress = new Uri(gateway.HttpAddress) };

        using var page = await http.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        using var config = await http.GetAsync(new Uri("/swagger/index.js", UriKind.Relative));
        using var document = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task Swagger_UI_is_not_served_outside_Development()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Gateway.HttpAddress) };

        using var page = await http.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
