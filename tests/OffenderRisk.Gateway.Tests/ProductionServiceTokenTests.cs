using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.ServiceDefaults.Security;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>
/// The gateway in Production (README "Identity"): an identity provider served in process on a
/// loopback port for people's tokens, the services' published keys for service tokens, no
/// symmetric key. The assessments service's key is published; the gateway holds no private key.
/// </summary>
public sealed class ProductionGatewayFixture : IAsyncLifetime
{
    public ECDsa AssessmentsKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _providerKey = RSA.Create(2048);
    private WebApplication _provider = null!;

    public ProbeBackend Backend { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _provider = IdentityProvider(_providerKey);
        await _provider.StartAsync();
        var authority = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        (Backend, Gateway) = await RateLimitedGatewayFixture.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // No symmetric key in Production: an empty value replaces the one GatewayProcess sets for Testing.
            ["Auth__SigningKey"] = "",
            ["Auth__Authority"] = authority,
            ["Auth__Issuer"] = authority,
            ["Auth__ServicePublicKeys__assessments"] = AssessmentsKey.ExportSubjectPublicKeyInfoPem(),
        });
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
        await _provider.DisposeAsync();
        _providerKey.Dispose();
        AssessmentsKey.Dispose();
    }

    /// <summary>An identity provider's published documents: OpenID discovery and a JWKS holding one RSA public key.</summary>
    private static WebApplication IdentityProvider(RSA key)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = Directory.CreateTempSubdirectory("offenderrisk-idp-").FullName,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object> { ["issuer"] = issuer, ["jwks_uri"] = issuer + "/jwks" });
        });
        app.MapGet("/jwks", () =>
        {
            var p = key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new Dictionary<string, object>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "provider-1",
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    },
                },
            });
        });
        return app;
    }
}

/// <summary>In Production the gateway forwards a service token signed with a published service key and refuses a symmetric one before forwarding.</summary>
public sealed class ProductionServiceTokenTests(ProductionGatewayFixture fixture) : IClassFixture<ProductionGatewayFixture>
{
    private const string Service = "offenderrisk.nominals.v1.GatewayProbeService";

    [Fact]
    public async Task In_production_the_gateway_forwards_a_service_token_signed_with_the_services_published_key()
    {
        var token = new TokenIssuer(new AuthOptions
        {
            ServiceSigningKey = fixture.AssessmentsKey.ExportPkcs8PrivateKeyPem(),
            ServiceKeyId = "assessments",
        }, TimeProvider.System).Issue("svc:assessments", "XA", [Roles.Service], TimeSpan.FromMinutes(5));
        var before = fixture.Backend.Calls;
        using var channel = ProbeContract.AuthenticatedChannel(fixture.Gateway.Address, token);

        var reply = await channel.ProbeAsync(Service);

        Assert.Equal("nominals", reply.ServedBy);
        Assert.Equal(before + 1, fixture.Backend.Calls);
    }

    [Fact]
    public async Task In_production_the_gateway_refuses_an_hmac_service_token_and_never_forwards_it()
    {
        // Signed with the symmetric key the same gateway accepts in Testing (GatewayProcess).
        var token = GatewayProcess.Tokens.Issue("svc:assessments", "XA", [Roles.Service], TimeSpan.FromMinutes(5));
        var before = fixture.Backend.Calls;
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.ProbeAsync(Service, new Metadata { { "authorization", "Bearer " + token } }));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, fixture.Backend.Calls);
    }
}
