
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// Every RPC implementation names one of the shared policies. The RPCs are taken from each
/// implemented service's descriptor, so an RPC added to a contract without a policy fails here
/// (the integration tests prove the same at run time, through the gateway).
/// </summary>
public sealed class PolicyCoverageTests
{
    public static TheoryData<string> ImplementedRpcs()
    {
        var data = new TheoryData<string>();
        foreach (var (implementation, method) in Implementations())
        {
            data.Add($"{implementation.FullName}:{method.Name}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ImplementedRpcs))]
    public void Every_rpc_implementation_names_a_known_policy(string rpc)
    {
        var (implementation, method) = Implementations().Single(i => $"{i.Type.FullName}:{i.Method.Name}" == rpc);
        var handler = implementation.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
        Assert.NotNull(handler);
        Assert.Equal(implementation, handler!.DeclaringType); // overridden in the implementation
        var policies = handler.GetCustomAttributes<AuthorizeAttribute>().Concat(implementation.GetCustomAttributes<AuthorizeAttribute>())
            .Select(a => a.Policy).ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Contains(p!, Policies.RolesByPolicy.Keys));
        Assert.Empty(handler.GetCustomAttributes<AllowAnonymousAttribute>());
    }

    [Fact]
    public void The_coverage_check_sees_the_services()
    {
        var services = Implementations().Select(i => i.Method.Service.FullName).Distinct().ToList();
        Assert.Contains("offenderrisk.nominals.v1.NominalsService", services);
        Assert.Contains("offenderrisk.audit.v1.AuditService", services);
        Assert.Contains("offenderrisk.assessments.v1.AssessmentsService", services);
        Assert.Contains("offenderrisk.interventions.v1.InterventionsService", services);
    }

    [Fact]
    public void Every_policy_admits_only_known_roles()
    {
        Assert.All(Policies.RolesByPolicy.Values.SelectMany(r => r), role => Assert.Contains(role, Roles.All));
    }

    /// <summary>Concrete classes deriving from a generated service base, with their descriptor's methods.</summary>
    private static IEnumerable<(Type Type, MethodDescriptor Method)> Implementations() =>
        ServiceAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            .SelectMany(t =>
            {
                var binder = t.BaseType!.GetCustomAttribute<BindServiceMethodAttribute>()!.BindType;
                var descriptor = (ServiceDescriptor)binder.GetProperty("Descriptor")!.GetValue(null)!;
                return descriptor.Methods.Select(m => (t, m));
            });

    private static IEnumerable<Assembly> ServiceAssemblies() =>
    [
        typeof(Platform.Endpoints.AuditLogService).Assembly,
        typeof(OffenderRisk.Nominals.Grpc.NominalsGrpcService).Assembly,
        typeof(OffenderRisk.Assessments.Grpc.AssessmentsGrpcService).Assembly,
        typeof(OffenderRisk.Interventions.Grpc.InterventionsGrpcService).Assembly,
        typeof(OffenderRisk.IdentityChecks.Grpc.MarkerRequestsGrpcService).Assembly,
    ];
}
