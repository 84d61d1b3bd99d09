using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Nominals;

/// <summary>What this service needs to know about a nominal, as the nominals service holds it.</summary>
public sealed record NominalSnapshot(
    string Id, string ForceCode, string PncId, IReadOnlyList<(string FamilyName, string GivenNames)> Names,
    string MosovoOfficer, ManagementStatus ManagementStatus) : IForceOwned
{
    public string ResourceName => NominalNames.Format(Id);
}

/// <summary>The outcome of raising a work item in the nominals service.</summary>
public enum WorkItemDeliveryOutcome
{
    Created,
    /// <summary>Refused for good (the nominal is gone, or the request is invalid): do not retry.</summary>
    Refused,
}

/// <summary>
/// The nominals service, called with a service-to-service token: user "svc:identity-checks",
/// role service, and the force on whose behalf the call is made (the nominals service scopes and
/// audits it by that force). Every call has a deadline.
/// </summary>
public sealed class NominalDirectory(
    NominalsService.NominalsServiceClient nominals,
    IntelligenceService.IntelligenceServiceClient intelligence,
    TokenIssuer tokens,
    IOptions<IdentityChecksOptions> options,
    TimeProvider clock)
{
    public const string ServiceUser = "svc:identity-checks";
    public const string Dependency = "nominals";

    /// <summary>The nominal, if it exists and the caller's force may see it; NOT_FOUND otherwise.</summary>
    public async Task<NominalSnapshot> GetAsync(CallScope call, string nominalId)
    {
        var ct = call.CancellationToken;
        try
        {
            var response = await nominals.GetNominalAsync(new GetNominalRequest { Name = NominalNames.Format(nominalId) }, CallOptions(call.Force, ct));
            var n = response.Nominal;
            var names = new List<(string, string)>();
            if (n.PrimaryName is { } primary)
            {
                names.Add((primary.FamilyName, primary.GivenNames));
            }
            names.AddRange(n.Aliases.Select(a => (a.FamilyName, a.GivenNames)));
            // Belt and braces: the nominals service scopes by the token's force already. The management
            // status is mapped to this domain's own (same numbers: a cast).
            return RecordAccess.Visible(new NominalSnapshot(nominalId, n.ForceCode, n.PncId, names, n.MosovoOfficer, (ManagementStatus)n.ManagementStatus),
                call, NominalNames.Format(nominalId));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new ResourceNotFoundException(NominalNames.Format(nominalId));
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Raises an IDENTITY_DISCREPANCY work item for the nominal's MOSOVO officer (R-IC2).
    /// Idempotent on <paramref name="requestId"/>, so a delivery repeated after a crash creates
    /// one item. Transient failures throw <see cref="DependencyUnavailableException"/>.
    /// </summary>
    public async Task<(WorkItemDeliveryOutcome Outcome, string WorkItem, string Reason)> CreateDiscrepancyWorkItemAsync(
        string nominalId, string force, string summaryCode, string reference, string requestId, CancellationToken ct)
    {
        try
        {
            var response = await intelligence.CreateWorkItemAsync(new CreateWorkItemRequest
            {
                Parent = NominalNames.Format(nominalId),
                Kind = WorkItemKind.IdentityDiscrepancy,
                SummaryCode = summaryCode,
                Reference = reference,
                RequestId = requestId,
            }, CallOptions(force, ct));
            return (WorkItemDeliveryOutcome.Created, response.WorkItem.Name, "");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
        {
            return (WorkItemDeliveryOutcome.Refused, "", e.StatusCode.ToString());
        }
        catch (RpcException e)
        {
            throw Unavailable(e);
        }
    }

    private CallOptions CallOptions(string force, CancellationToken ct)
    {
        var token = tokens.Issue(ServiceUser, force, [Roles.Service], TimeSpan.FromMinutes(5));
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        return new CallOptions(headers, deadline: clock.GetUtcNow().UtcDateTime + options.Value.NominalsDeadline, cancellationToken: ct);
    }

    private static DependencyUnavailableException Unavailable(RpcException e) => e.StatusCode switch
    {
        StatusCode.DeadlineExceeded => new DependencyUnavailableException(Dependency, "The nominals service did not answer in time; retry shortly.", timedOut: true),
        StatusCode.Unavailable => new DependencyUnavailableException(Dependency, "The nominals service is unavailable; retry shortly."),
        _ => new DependencyUnavailableException(Dependency, $"The nominals service could not confirm the nominal ({e.StatusCode}); retry shortly."),
    };
}
