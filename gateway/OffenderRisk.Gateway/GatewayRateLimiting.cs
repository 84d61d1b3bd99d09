using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Gateway;

/// <summary>
/// The gateway's rate limits (ASP.NET Core rate limiting, <see cref="GatewayRateLimits"/>): one
/// chain of token buckets that every call passes before it is forwarded. A call with a valid token
/// takes a token from its caller's bucket (force and subject) and from its force's; a call without
/// one, from its client address's, so that refusing it stays cheap. Health endpoints are exempt.
/// A refused call is RESOURCE_EXHAUSTED with a google.rpc.RetryInfo, and never reaches a service.
/// </summary>
/// <remarks>Runs after authentication (it reads the validated claims) and before authorization
/// (so that calls refused as unauthenticated are counted too).</remarks>
public static class GatewayRateLimiting
{
    /// <summary>How long a refused caller is told to wait when the bucket does not say.</summary>
    private static readonly TimeSpan FallbackRetryDelay = TimeSpan.FromSeconds(1);

    public static PartitionedRateLimiter<HttpContext> Create(GatewayRateLimits limits) =>
        PartitionedRateLimiter.CreateChained(
            Bucket(limits.PerCaller, context => Caller(context.User)),
            Bucket(limits.PerForce, context => Force(context.User)),
            Bucket(limits.PerAddress, context => context.User.Identity?.IsAuthenticated == true
                ? null
                : (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString()));

    /// <summary>Answers a refused call: RESOURCE_EXHAUSTED, with when to retry.</summary>
    public static ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancel)
    {
        var delay = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : FallbackRetryDelay;
        var context = rejected.HttpContext;
        GrpcStatusResponse.Write(context, StatusCode.ResourceExhausted,
            "Too many calls; retry after the delay in RetryInfo.", "RATE_LIMITED",
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) });
        // gRPC clients with a retry policy read this server pushback (milliseconds).
        context.Response.Headers["grpc-retry-pushback-ms"] = ((long)Math.Ceiling(delay.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    /// <summary>A partition per key; a call with no key (or a bucket turned off) is not limited by it.</summary>
    private static PartitionedRateLimiter<HttpContext> Bucket(TokenBucketSettings settings, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            settings.Enabled && key(context) is { } partition
                ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => settings.ToLimiterOptions())
                : RateLimitPartition.GetNoLimiter(""));

    /// <summary>A subject is unique within its force only, so the caller is both.</summary>
    private static string? Caller(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(OffenderRiskClaims.Subject) is { Length: > 0 } subject
            ? (Force(user) ?? "") + "/" + subject
            : null;

    private static string? Force(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(OffenderRiskClaims.Force) is { Length: > 0 } force ? force : null;
}
