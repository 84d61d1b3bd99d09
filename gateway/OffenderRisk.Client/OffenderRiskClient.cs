using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Client;

/// <summary>
/// Every service of the suite through one gateway channel, for callers without dependency
/// injection (DI callers use <see cref="ServiceCollectionExtensions.AddOffenderRiskClients(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{OffenderRiskClientOptions})"/>).
/// Create one per gateway and token source and keep it: clients are cheap, the channel is not.
/// </summary>
public sealed class OffenderRiskClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ConcurrentDictionary<Type, ClientBase> _clients = new();

    private OffenderRiskClient(GrpcChannel channel, CallInvoker invoker)
    {
        _channel = channel;
        CallInvoker = invoker;
    }

    /// <param name="options">The gateway address, deadlines and retries.</param>
    /// <param name="tokens">Where each call's bearer token comes from; null when calls bring their own (CallOptions credentials or an authorization header).</param>
    /// <param name="clock">For deadlines and retry waits (tests pass a fake).</param>
    /// <param name="handler">The HTTP handler under the channel (tests, proxies); a SocketsHttpHandler by default.</param>
    public static OffenderRiskClient Create(OffenderRiskClientOptions options, ITokenSource? tokens = null, TimeProvider? clock = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.RequiredAddress();
        if (tokens is not null && !options.TokensAllowedTo(address))
        {
            throw new InvalidOperationException($"Bearer tokens would travel in cleartext to {address.Host}: use https, a loopback address, or set AllowTokensOverCleartext.");
        }
        var channel = OffenderRiskChannel.Create(options, handler);
        return new OffenderRiskClient(channel, channel.Intercept(new OffenderRiskCallInterceptor(options, tokens, clock)));
    }

    /// <summary>The channel with the client's token, deadline and retry handling, for any generated client: <c>new XServiceClient(client.CallInvoker)</c>.</summary>
    public CallInvoker CallInvoker { get; }

    /// <summary>Any generated client of the contracts, made once over <see cref="CallInvoker"/>.</summary>
    public T Get<T>() where T : ClientBase<T> =>
        (T)_clients.GetOrAdd(typeof(T), type => (ClientBase)Activator.CreateInstance(type, CallInvoker)!);

    // One property per service in protos/ (a unit test checks none is missing).
    public NominalsService.NominalsServiceClient Nominals => Get<NominalsService.NominalsServiceClient>();
    public TeamsService.TeamsServiceClient Teams => Get<TeamsService.TeamsServiceClient>();
    public VictimsService.VictimsServiceClient Victims => Get<VictimsService.VictimsServiceClient>();
    public ObligationsService.ObligationsServiceClient Obligations => Get<ObligationsService.ObligationsServiceClient>();
    public IntelligenceService.IntelligenceServiceClient Intelligence => Get<IntelligenceService.IntelligenceServiceClient>();
    public ReactiveManagementService.ReactiveManagementServiceClient ReactiveManagement => Get<ReactiveManagementService.ReactiveManagementServiceClient>();
    public HomeVisitsService.HomeVisitsServiceClient HomeVisits => Get<HomeVisitsService.HomeVisitsServiceClient>();
    public AssessmentsService.AssessmentsServiceClient Assessments => Get<AssessmentsService.AssessmentsServiceClient>();
    public InterventionsService.InterventionsServiceClient Interventions => Get<InterventionsService.InterventionsServiceClient>();
    public PlansService.PlansServiceClient Plans => Get<PlansService.PlansServiceClient>();
    public IdentityEnquiriesService.IdentityEnquiriesServiceClient IdentityEnquiries => Get<IdentityEnquiriesService.IdentityEnquiriesServiceClient>();
    public CredentialChecksService.CredentialChecksServiceClient CredentialChecks => Get<CredentialChecksService.CredentialChecksServiceClient>();
    public MarkerRequestsService.MarkerRequestsServiceClient MarkerRequests => Get<MarkerRequestsService.MarkerRequestsServiceClient>();
    public ScheduledChecksService.ScheduledChecksServiceClient ScheduledChecks => Get<ScheduledChecksService.ScheduledChecksServiceClient>();

    /// <summary>The audit log of one service (header <c>offenderrisk-audit-log</c>: nominals, assessments, interventions or identity-checks): pass <see cref="AuditLog"/>'s headers with each call.</summary>
    public AuditService.AuditServiceClient Audit => Get<AuditService.AuditServiceClient>();

    /// <summary>The header that picks whose audit log an <see cref="Audit"/> call reads.</summary>
    public static Metadata AuditLog(string service) => new() { { "offenderrisk-audit-log", service } };

    /// <summary>Every generated client type in the contracts: what <see cref="ServiceCollectionExtensions.AddOffenderRiskClients(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{OffenderRiskClientOptions})"/> registers.</summary>
    public static IReadOnlyList<Type> ClientTypes { get; } = typeof(NominalsService).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, BaseType.IsGenericType: true } && t.BaseType.GetGenericTypeDefinition() == typeof(ClientBase<>))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public void Dispose() => _channel.Dispose();
}
