using Grpc.Core;
using Grpc.Core.Interceptors;

namespace OffenderRisk.Client;

/// <summary>
/// What every call through the client gets: the caller's bearer token (unless the call brings its
/// own <c>authorization</c> header or credentials), a deadline (<see cref="OffenderRiskClientOptions.DefaultDeadline"/>
/// when none is set, never beyond <see cref="OffenderRiskClientOptions.MaxDeadline"/>), and for
/// unary calls the retries <see cref="RetryPolicy"/> allows, all within that one deadline.
/// </summary>
public sealed class OffenderRiskCallInterceptor : Interceptor
{
    private readonly OffenderRiskClientOptions _options;
    private readonly CallCredentials? _credentials;
    private readonly TimeProvider _clock;

    /// <param name="options">Deadlines and retries.</param>
    /// <param name="tokens">Where tokens come from; null when each call brings its own.</param>
    /// <param name="clock">For deadlines and backoff waits.</param>
    public OffenderRiskCallInterceptor(OffenderRiskClientOptions options, ITokenSource? tokens = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _credentials = tokens is null ? null : OffenderRiskCredentials.FromTokenSource(tokens);
        _clock = clock ?? TimeProvider.System;
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        context = Prepare(context);
        var safety = CallSafetyClassifier.Of(context.Method.Name, request);
        return _options.Retry.MaxAttempts <= 1
            ? continuation(request, context)
            : new RetryingUnaryCall<TRequest, TResponse>(request, context, continuation, safety, _options.Retry, _clock).Start();
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        // The blocking form gets the token and deadline; callers wanting retries use the async form.
        continuation(request, Prepare(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context));

    private ClientInterceptorContext<TRequest, TResponse> Prepare<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var options = context.Options;
        var now = _clock.GetUtcNow().UtcDateTime;
        var latest = now + _options.MaxDeadline;
        if (options.Deadline is not { } deadline || deadline == DateTime.MaxValue)
        {
            options = options.WithDeadline(now + _options.DefaultDeadline);
        }
        else if (deadline.ToUniversalTime() > latest)
        {
            options = options.WithDeadline(latest);
        }
        if (_credentials is not null && options.Credentials is null && options.Headers?.Get("authorization") is null)
        {
            options = options.WithCredentials(_credentials);
        }
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }

    /// <summary>One unary call and its retries: the caller sees the final attempt's answer, headers and trailers.</summary>
    private sealed class RetryingUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation,
        CallSafety safety,
        OffenderRiskRetryOptions retry,
        TimeProvider clock)
        where TRequest : class
        where TResponse : class
    {
        private AsyncUnaryCall<TResponse> _current = null!;

        public AsyncUnaryCall<TResponse> Start()
        {
            _current = continuation(request, context);
            var response = RunAsync();
            return new AsyncUnaryCall<TResponse>(response, HeadersAsync(response), () => _current.GetStatus(), () => _current.GetTrailers(), () => _current.Dispose());
        }

        private async Task<TResponse> RunAsync()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await _current.ResponseAsync.ConfigureAwait(false);
                }
                catch (RpcException e)
                {
                    var timeLeft = context.Options.Deadline!.Value.ToUniversalTime() - clock.GetUtcNow().UtcDateTime;
                    var decision = RetryPolicy.Decide(OffenderRiskError.From(e), safety, attempt, timeLeft, retry, Random.Shared.NextDouble());
                    if (!decision.Retry || context.Options.CancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    await Task.Delay(decision.Delay, clock, context.Options.CancellationToken).ConfigureAwait(false);
                    _current.Dispose();
                    _current = continuation(request, context);
                }
            }
        }

        private async Task<Metadata> HeadersAsync(Task<TResponse> response)
        {
            try
            {
                await response.ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // the final attempt's headers, below
            }
            return await _current.ResponseHeadersAsync.ConfigureAwait(false);
        }
    }
}

/// <summary>Bearer tokens as gRPC call credentials.</summary>
public static class OffenderRiskCredentials
{
    /// <summary>Adds <c>authorization: Bearer {token}</c> from <paramref name="tokens"/> to each call.
    /// Over h2c the channel must allow it (<see cref="OffenderRiskChannel"/> does for loopback).</summary>
    public static CallCredentials FromTokenSource(ITokenSource tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            var token = await tokens.GetTokenAsync(context.CancellationToken).ConfigureAwait(false);
            metadata.Add("authorization", "Bearer " + token.CheckedValue());
        });
    }
}
