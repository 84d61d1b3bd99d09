using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Victims;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// R-VI2: the victim compartment is the victim-liaison role's alone. The assessor's summary (R-VI1)
/// is a separate, narrower read with its own policy, and giving it one must not open the rest.
/// </summary>
public sealed class VictimPolicyTests
{
    public static TheoryData<string> CompartmentRpcs()
    {
        var data = new TheoryData<string>();
        foreach (var method in VictimsService.Descriptor.Methods.Where(m => m.Name != nameof(VictimsService.VictimsServiceBase.SummariseVictims)))
        {
            data.Add(method.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CompartmentRpcs))]
    public void R_VI2_every_victims_rpc_but_the_summary_needs_the_victim_contact_policy_and_nothing_wider(string rpc)
    {
        Assert.Equal([Policies.VictimContact], PoliciesOf(rpc));
        Assert.Equal([Roles.VictimLiaison], Policies.RolesByPolicy[Policies.VictimContact]);
    }

    [Fact]
    public void R_VI1_the_summary_is_for_mosovo_officers_and_supervisors_under_its_own_policy()
    {
        Assert.Equal([Policies.VictimSummary], PoliciesOf(nameof(VictimsService.VictimsServiceBase.SummariseVictims)));
        Assert.Equal([Roles.MosovoOfficer, Roles.Supervisor], Policies.RolesByPolicy[Policies.VictimSummary].Order(StringComparer.Ordinal));
    }

    /// <summary>The policies a call of the RPC must satisfy: the handler's and the class's (ASP.NET Core requires all of them).</summary>
    private static string[] PoliciesOf(string rpc)
    {
        var handler = typeof(VictimsGrpcService).GetMethod(rpc, BindingFlags.Public | BindingFlags.Instance)!;
        return handler.GetCustomAttributes<AuthorizeAttribute>().Concat(typeof(VictimsGrpcService).GetCustomAttributes<AuthorizeAttribute>())
            .Select(a => a.Policy ?? "(none)").ToArray();
    }
}
