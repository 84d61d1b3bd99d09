using Google.Rpc;
using Grpc.Core;

namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>Assertions on gRPC failures and their google.rpc.Status details.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode expected, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(expected == e.StatusCode, $"expected {expected} but got {e.StatusCode}: {e.Status.Detail}");
        return e;
    }

    public static ErrorInfo ErrorInfo(this RpcException e) =>
        e.GetRpcStatus()?.GetDetail<ErrorInfo>() ?? throw new Xunit.Sdk.XunitException($"no ErrorInfo in {e.Status}");

    public static IReadOnlyList<string> ViolatedFields(this RpcException e) =>
        e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    /// <summary>The call was refused by a rule of the rulebook: FAILED_PRECONDITION naming it and the field.</summary>
    public static async Task<RpcException> RefusedByRuleAsync(string ruleId, string field, Func<Task> call)
    {
        var e = await FailsAsync(StatusCode.FailedPrecondition, call);
        var info = e.ErrorInfo();
        Assert.Equal(ruleId, info.Metadata["rule_id"]);
        Assert.Equal(field, info.Metadata["field"]);
        return e;
    }
}
