using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.Platform.Calls;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Nominals;

/// <summary>
/// How a service calls the nominals service, the one way: the registered client, and call options
/// carrying a service-to-service token (user <c>svc:&lt;service&gt;</c>, role service, the force on
/// whose behalf the call is made, which the nominals service scopes and audits it by) and a deadline.
/// </summary>
public sealed class NominalsServiceCalls(GrpcClientFactory clients, TokenIssuer tokens, IOptions<ServiceIdentity> identity)
{
    /// <summary>The name the client is registered under (without the shared retry handler: every call has a deadline, and callers retry).</summary>
    public const string ClientName = "nominals";

    public NominalsService.NominalsServiceClient Nominals { get; } = clients.CreateClient<NominalsService.NominalsServiceClient>(ClientName);

    /// <summary>This service's principal towards the nominals service, e.g. <c>svc:assessments</c>.</summary>
    public string ServiceUser => ServiceCallOptions.ServiceUser(identity.Value);

    /// <summary>Options for one call on behalf of <paramref name="force"/>, due within <paramref name="deadline"/>.</summary>
    public CallOptions Options(string force, TimeSpan deadline, CancellationToken ct) =>
        ServiceCallOptions.Create(tokens, identity.Value, force, deadline, ct);
}
