using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>Routes are appsettings.json: a proto package goes to its service, the shared audit
/// contract to the service named by the offenderrisk-audit-log header.</summary>
public sealed class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string AuditLogHeader = "offenderrisk-audit-log";

    [Theory]
    [InlineData("offenderrisk.nominals.v1.GatewayProbeService", "nominals")]
    [InlineData("offenderrisk.assessments.v1.GatewayProbeService", "assessments")]
    [InlineData("offenderrisk.interventions.v1.GatewayProbeService", "interventions")]
    [InlineData("offenderrisk.identity.v1.GatewayProbeService", "identity-checks")]
    public async Task Each_package_routes_to_its_service(string service, string cluster)
    {
        var reply = await fixture.Channel.ProbeAsync(service);

        Assert.Equal(cluster, reply.ServedBy);
        Assert.Equal($"/{service}/Probe", reply.Method);
    }

    [Fact]
    public async Task New_service_in_a_routed_package_routes_without_configuration_change()
    {
        var reply = await fixture.Channel.ProbeAsync("offenderrisk.nominals.v1.AnotherGatewayProbeService");

        Assert.Equal("nominals", reply.ServedBy);
    }

    [Theory]
    [InlineData("nominals")]
    [InlineData("assessments")]
    [InlineData("interventions")]
    [InlineData("identity-checks")]
    public async Task Audit_header_routes_audit_calls_to_the_named_service(string cluster)
    {
        var client = new AuditService.AuditServiceClient(fixture.Channel);

        using var call = client.ListAuditEntriesAsync(new ListAuditEntriesRequest(), new Metadata { { AuditLogHeader, cluster } });
        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal(cluster, headers.GetValue(ProbeContract.ServedByHeader));
    }

    [Fact]
    public async Task Audit_call_without_the_header_is_unimplemented_and_names_the_header()
    {
        var client = new AuditService.AuditServiceClient(fixture.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(
            async () => await client.ListAuditEntriesAsync(new ListAuditEntriesRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains(AuditLogHeader, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("identity-checks", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_call_naming_an_unknown_log_is_unimplemented()
    {
        var client = new AuditService.AuditServiceClient(fixture.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListAuditEntriesAsync(new ListAuditEntriesRequest(), new Metadata { { AuditLogHeader, "probation" } }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains(AuditLogHeader, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_to_an_unrouted_package_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => fixture.Channel.ProbeAsync("offenderrisk.gatewaytests.v1.GatewayProbeService"));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("No OffenderRisk service serves /offenderrisk.gatewaytests.v1.GatewayProbeService/Probe.", error.Status.Detail);
    }

    [Fact]
    public async Task Authorization_header_is_forwarded_untouched()
    {
        // The gateway validates the token and so does the service, so it must receive exactly what was sent.
        var authorization = "Bearer " + GatewayProcess.Token(user: "PC-FORWARDED");

        var reply = await fixture.AnonymousChannel.ProbeAsync(
            "offenderrisk.nominals.v1.GatewayProbeService", new Metadata { { "authorization", authorization } });

        Assert.Equal(authorization, reply.Authorization);
    }
}
