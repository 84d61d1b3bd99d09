using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Testing;
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
    private TestIdentityProvider _provider = null!;

    public ProbeBackend Backend { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync(_providerKey);
        var authority = _provider.Authority;
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
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        _providerKey.Dispose();
        AssessmentsKey.Dispose();
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
