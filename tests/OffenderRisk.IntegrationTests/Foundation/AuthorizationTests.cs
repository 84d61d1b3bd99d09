using Google.Protobuf.Reflection;
using Grpc.Core;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>
/// Every RPC of every contract needs a token and a role. The RPCs are enumerated from the
/// compiled service descriptors, not a hand-kept list, so a new RPC without a policy fails here.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AuthorizationTests(SuiteFixture suite)
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    public static TheoryData<string> AllRpcs()
    {
        var data = new TheoryData<string>();
        foreach (var method in ContractMethods())
        {
            data.Add(method.FullName);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllRpcs))]
    public async Task Every_rpc_without_a_token_is_unauthenticated(string rpc)
    {
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => CallAsync(rpc, new Metadata()));
    }

    [Theory]
    [MemberData(nameof(AllRpcs))]
    public async Task Every_rpc_with_a_token_but_no_role_is_permission_denied(string rpc)
    {
        var headers = new Metadata { { "authorization", "Bearer " + suite.Token(TestData.NewForce(), "PC-NOROLE", RoleSets.None) } };
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => CallAsync(rpc, headers));
    }

    [Fact]
    public async Task Every_rpc_with_a_forged_token_is_unauthenticated()
    {
        var token = suite.Token("XA", "PC-FORGER", RoleSets.Mosovo);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var headers = new Metadata { { "authorization", "Bearer " + forged } };
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => CallAsync("offenderrisk.nominals.v1.NominalsService.ListNominals", headers));
    }

    [Fact]
    public void The_enumeration_covers_every_service_of_the_suite()
    {
        var services = ContractMethods().Select(m => m.Service.FullName).Distinct().ToList();
        Assert.Contains("offenderrisk.nominals.v1.NominalsService", services);
        Assert.Contains("offenderrisk.audit.v1.AuditService", services);
        Assert.Contains("offenderrisk.assessments.v1.AssessmentsService", services);
        Assert.Contains("offenderrisk.interventions.v1.InterventionsService", services);
    }

    /// <summary>Every method of every offenderrisk.* service compiled into the test and ServiceDefaults assemblies.</summary>
    private static IEnumerable<MethodDescriptor> ContractMethods() =>
        new[] { typeof(AuthorizationTests).Assembly, typeof(Contracts.Audit.V1.AuditService).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null) as FileDescriptor)
            .Where(f => f is not null && f.Package.StartsWith("offenderrisk.", StringComparison.Ordinal))
            .SelectMany(f => f!.Services)
            .SelectMany(s => s.Methods)
            .Where(m => !m.IsClientStreaming)
            .DistinctBy(m => m.FullName);

    private async Task CallAsync(string rpc, Metadata headers)
    {
        var method = ContractMethods().Single(m => m.FullName == rpc);
        if (method.Service.FullName == "offenderrisk.audit.v1.AuditService")
        {
            headers.Add("offenderrisk-audit-log", "nominals");
        }
        var invoker = suite.Channel;
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(10));
        if (method.IsServerStreaming)
        {
            var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Raw, Raw);
            using var call = invoker.AsyncServerStreamingCall(streaming, null, options, []);
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            return;
        }
        var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Raw, Raw);
        await invoker.AsyncUnaryCall(unary, null, options, []);
    }
}
