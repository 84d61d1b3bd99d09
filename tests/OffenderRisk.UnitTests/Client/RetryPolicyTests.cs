using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OffenderRisk.Client;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.UnitTests.Client;

public class RetryPolicyTests
{
    private static readonly OffenderRiskRetryOptions Options = new();
    private static readonly TimeSpan Plenty = TimeSpan.FromSeconds(30);

    private static OffenderRiskError ServiceDown() =>
        ErrorDecodingTests.GatewayRefusal(StatusCode.Unavailable, "SERVICE_UNAVAILABLE").ToOffenderRiskError();

    private static OffenderRiskError RateLimited(TimeSpan delay) =>
        ErrorDecodingTests.GatewayRefusal(StatusCode.ResourceExhausted, "RATE_LIMITED", new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }).ToOffenderRiskError();

    [Theory]
    [InlineData(CallSafety.ReadOnly)]
    [InlineData(CallSafety.Deduplicated)]
    public void Unavailable_is_retried_for_a_call_safe_to_repeat(CallSafety safety)
    {
        var decision = RetryPolicy.Decide(ServiceDown(), safety, attemptsMade: 1, Plenty, Options, jitter: 0.999);

        Assert.True(decision.Retry);
        Assert.InRange(decision.Delay, Options.InitialBackoff / 2, Options.InitialBackoff);
    }

    [Fact]
    public void Unavailable_is_not_retried_for_a_change_without_a_request_id()
    {
        Assert.False(RetryPolicy.Decide(ServiceDown(), CallSafety.Unsafe, 1, Plenty, Options, 0.5).Retry);
    }

    [Fact]
    public void Unavailable_backoff_doubles_up_to_the_maximum()
    {
        var options = new OffenderRiskRetryOptions { MaxAttempts = 10, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(3) };

        var delays = Enumerable.Range(1, 4).Select(n => RetryPolicy.Decide(ServiceDown(), CallSafety.ReadOnly, n, TimeSpan.FromMinutes(1), options, jitter: 1).Delay).ToList();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], delays);
    }

    [Theory]
    [InlineData(CallSafety.Unsafe)]
    [InlineData(CallSafety.ReadOnly)]
    public void The_gateway_rate_limit_is_retried_after_exactly_its_retry_info_delay_for_any_call(CallSafety safety)
    {
        var decision = RetryPolicy.Decide(RateLimited(TimeSpan.FromMilliseconds(700)), safety, 1, Plenty, Options, 0.3);

        Assert.Equal(new RetryDecision(true, TimeSpan.FromMilliseconds(700)), decision);
    }

    [Fact]
    public void A_rate_limit_asking_for_longer_than_the_limit_is_returned_to_the_caller()
    {
        Assert.False(RetryPolicy.Decide(RateLimited(TimeSpan.FromMinutes(1)), CallSafety.ReadOnly, 1, TimeSpan.FromMinutes(5), Options, 0).Retry);
    }

    [Fact]
    public void Resource_exhausted_without_retry_info_is_final()
    {
        var tooBig = RpcErrorsFor(StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE");

        Assert.False(RetryPolicy.Decide(tooBig, CallSafety.ReadOnly, 1, Plenty, Options, 0).Retry);
    }

    [Fact]
    public void A_retry_that_would_outlive_the_deadline_is_not_made()
    {
        Assert.False(RetryPolicy.Decide(RateLimited(TimeSpan.FromSeconds(2)), CallSafety.ReadOnly, 1, TimeSpan.FromSeconds(1), Options, 0).Retry);
    }

    [Fact]
    public void No_retry_after_the_last_attempt()
    {
        Assert.False(RetryPolicy.Decide(ServiceDown(), CallSafety.ReadOnly, Options.MaxAttempts, Plenty, Options, 0).Retry);
        Assert.False(RetryPolicy.Decide(ServiceDown(), CallSafety.ReadOnly, 1, Plenty, OffenderRiskRetryOptions.Disabled, 0).Retry);
    }

    [Theory]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Internal)]
    public void Other_refusals_are_final(StatusCode code)
    {
        Assert.False(RetryPolicy.Decide(RpcErrorsFor(code, "ANY"), CallSafety.ReadOnly, 1, Plenty, Options, 0).Retry);
    }

    [Fact]
    public void A_create_is_safe_to_repeat_only_with_its_request_id()
    {
        Assert.Equal(CallSafety.Deduplicated, CallSafetyClassifier.Of("CreateNominal", new CreateNominalRequest { RequestId = "7d1c2c1e-0b5e-4d3c-9f3a-2f1d0c9b8a71" }));
        Assert.Equal(CallSafety.Unsafe, CallSafetyClassifier.Of("CreateNominal", new CreateNominalRequest()));
    }

    [Theory]
    [InlineData("GetNominal", CallSafety.ReadOnly)]
    [InlineData("ListNominals", CallSafety.ReadOnly)]
    [InlineData("SearchNominals", CallSafety.ReadOnly)]
    [InlineData("AssignOfficer", CallSafety.Unsafe)]
    [InlineData("Getaway", CallSafety.Unsafe)]
    public void Reads_are_known_by_their_verb(string method, CallSafety expected)
    {
        Assert.Equal(expected, CallSafetyClassifier.Of(method, new GetNominalRequest()));
    }

    private static OffenderRiskError RpcErrorsFor(StatusCode code, string reason) =>
        ErrorDecodingTests.Refusal(code, new ErrorInfo { Reason = reason, Domain = "nominals.offenderrisk" }).ToOffenderRiskError();
}
