using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Gateway.Tests.Probe;
using OffenderRisk.Testing;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>The gateway validates tokens itself (the services' JWT setup) and refuses a call
/// without a valid one before forwarding it.</summary>
public sealed class AuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Service = "offenderrisk.nominals.v1.GatewayProbeService";

    [Fact]
    public async Task Call_without_a_token_is_unauthenticated_at_the_gateway_and_never_reaches_the_service()
    {
        var before = fixture.Backend.Calls;

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.AnonymousChannel.ProbeAsync(Service));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, fixture.Backend.Calls);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Call_with_an_invalid_token_is_unauthenticated_at_the_gateway_and_never_reaches_the_service(string authorization)
    {
        var before = fixture.Backend.Calls;

        var error = await Assert.ThrowsAsync<RpcException>(
            () => fixture.AnonymousChannel.ProbeAsync(Service, new Metadata { { "authorization", authorization } }));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, fixture.Backend.Calls);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_unauthenticated_and_the_challenge_gives_no_reason()
    {
        var forger = new OffenderRisk.ServiceDefaults.Security.TokenIssuer(
            new OffenderRisk.ServiceDefaults.Security.AuthOptions { SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) }, TimeProvider.System);
        var forged = forger.Issue("PC-FORGER", "XA", ["mosovo-officer"], TimeSpan.FromMinutes(5));
        var before = fixture.Backend.Calls;
        using var http = RawGrpc.NewClient();

        var answer = await RawGrpc.CallAsync(http, fixture.Gateway.Address, $"/{Service}/Probe", new ProbeRequest().ToByteArray(),
            new Dictionary<string, string> { ["authorization"] = "Bearer " + forged }, CancellationToken.None);

        Assert.Equal((int)StatusCode.Unauthenticated, answer.Status);
        Assert.Equal("Bearer", Assert.Single(answer.Headers.WwwAuthenticate).ToString());
        Assert.Equal(before, fixture.Backend.Calls);
    }

    [Fact]
    public async Task Call_with_a_valid_token_is_forwarded()
    {
        var before = fixture.Backend.Calls;

        var reply = await fixture.Channel.ProbeAsync(Service);

        Assert.Equal("nominals", reply.ServedBy);
        Assert.Equal(before + 1, fixture.Backend.Calls);
    }
}
