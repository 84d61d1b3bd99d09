using Grpc.Core;
using Grpc.Core.Interceptors;
using OffenderRisk.IdentityChecks.Agencies;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Turns an agency failure into the shared dependency error, which the ServiceDefaults error
/// interceptor (outside this one) makes UNAVAILABLE or DEADLINE_EXCEEDED with ErrorInfo naming the
/// agency: a clear message, never a stack trace.
/// </summary>
public sealed class AgencyFailureInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (AgencyUnavailableException e)
        {
            throw e.ToCallerError();
        }
    }
}
