using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OffenderRisk.Client;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.UnitTests.Client;

/// <summary>The interceptor over a scripted invoker: deadlines, tokens and retries as sent.</summary>
public class CallInterceptorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_default_and_one_beyond_the_gateway_maximum_is_capped()
    {
        var invoker = new ScriptedInvoker(_ => null);
        var client = Client(invoker, new OffenderRiskClientOptions { Retry = OffenderRiskRetryOptions.Disabled });

        await client.GetNominalAsync(new GetNominalRequest());
        await client.GetNominalAsync(new GetNominalRequest(), deadline: _clock.GetUtcNow().UtcDateTime.AddHours(1));

        var now = _clock.GetUtcNow().UtcDateTime;
        Assert.Equal([now.AddSeconds(30), now.AddSeconds(120)], invoker.Calls.Select(c => c.Deadline!.Value));
    }

    [Fact]
    public async Task The_token_source_is_attached_unless_the_call_brings_its_own_authorization()
    {
        var invoker = new ScriptedInvoker(_ => null);
        var client = Client(invoker, new OffenderRiskClientOptions(), TokenSource.Fixed("abc"));

        await client.GetNominalAsync(new GetNominalRequest());
        await client.GetNominalAsync(new GetNominalRequest(), new Metadata { { "authorization", "Bearer own" } });

        Assert.NotNull(invoker.Calls[0].Credentials);
        Assert.Null(invoker.Calls[1].Credentials);
    }

    [Fact]
    public async Task A_read_refused_unavailable_is_tried_again_until_it_succeeds()
    {
        var invoker = new ScriptedInvoker(n => n < 3 ? Refused(StatusCode.Unavailable) : null);
        var client = Client(invoker, new OffenderRiskClientOptions { Retry = new() { InitialBackoff = TimeSpan.Zero } });

        await client.GetNominalAsync(new GetNominalRequest());

        Assert.Equal(3, invoker.Calls.Count);
    }

    [Fact]
    public async Task A_create_without_its_request_id_is_not_tried_again()
    {
        var invoker = new ScriptedInvoker(_ => Refused(StatusCode.Unavailable));
        var client = Client(invoker, new OffenderRiskClientOptions { Retry = new() { InitialBackoff = TimeSpan.Zero } });

        var e = await Assert.ThrowsAsync<RpcException>(() => client.CreateNominalAsync(new CreateNominalRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public async Task Retries_stop_at_the_attempt_limit_with_the_last_refusal()
    {
        var invoker = new ScriptedInvoker(_ => Refused(StatusCode.Unavailable));
        var client = Client(invoker, new OffenderRiskClientOptions { Retry = new() { MaxAttempts = 3, InitialBackoff = TimeSpan.Zero } });

        await Assert.ThrowsAsync<RpcException>(() => client.GetNominalAsync(new GetNominalRequest()).ResponseAsync);

        Assert.Equal(3, invoker.Calls.Count);
    }

    [Fact]
    public async Task A_rate_limited_call_waits_for_the_retry_info_delay_before_trying_again()
    {
        var limited = new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) };
        var invoker = new ScriptedInvoker(n => n == 1 ? ErrorDecodingTests.GatewayRefusal(StatusCode.ResourceExhausted, "RATE_LIMITED", limited) : null);
        var client = Client(invoker, new OffenderRiskClientOptions());

        var call = client.AssignOfficerAsync(new AssignOfficerRequest()).ResponseAsync;
        await WaitUntil(() => invoker.Calls.Count == 1);
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(50);
        Assert.Single(invoker.Calls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await call;

        Assert.Equal(2, invoker.Calls.Count);
    }

    [Fact]
    public void The_plain_client_has_a_property_for_every_generated_client()
    {
        var properties = typeof(OffenderRiskClient).GetProperties().Select(p => p.PropertyType).ToHashSet();

        Assert.Equal(15, OffenderRiskClient.ClientTypes.Count);
        Assert.All(OffenderRiskClient.ClientTypes, t => Assert.Contains(t, properties));
    }

    [Fact]
    public void Tokens_are_refused_over_cleartext_to_a_remote_address_unless_allowed()
    {
        var remote = new OffenderRiskClientOptions { Address = new Uri("http://gateway.example.invalid:5100") };

        Assert.Throws<InvalidOperationException>(() => OffenderRiskClient.Create(remote, TokenSource.Fixed("abc")));
        remote.AllowTokensOverCleartext = true;
        using var allowed = OffenderRiskClient.Create(remote, TokenSource.Fixed("abc"));
    }

    [Fact]
    public void Dependency_injection_registers_every_generated_client()
    {
        var services = new ServiceCollection();
        services.AddOffenderRiskClients(o => o.Address = new Uri("http://127.0.0.1:5100"), _ => TokenSource.Fixed("abc"));
        using var provider = services.BuildServiceProvider();

        Assert.All(OffenderRiskClient.ClientTypes, t => Assert.NotNull(provider.GetRequiredService(t)));
    }

    private NominalsService.NominalsServiceClient Client(ScriptedInvoker invoker, OffenderRiskClientOptions options, ITokenSource? tokens = null) =>
        new(invoker.Intercept(new OffenderRiskCallInterceptor(options, tokens, _clock)));

    private static RpcException Refused(StatusCode code) =>
        ErrorDecodingTests.Refusal(code, new ErrorInfo { Reason = "SERVICE_UNAVAILABLE", Domain = OffenderRiskError.GatewayDomain });

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    /// <summary>Answers the n-th unary call (from 1) with the exception the script gives, or a default response.</summary>
    private sealed class ScriptedInvoker(Func<int, RpcException?> script) : CallInvoker
    {
        public List<CallOptions> Calls { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            int n;
            lock (Calls)
            {
                Calls.Add(options);
                n = Calls.Count;
            }
            var response = script(n) is { } e ? Task.FromException<TResponse>(e) : Task.FromResult(Activator.CreateInstance<TResponse>());
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Grpc.Core.Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }
}
