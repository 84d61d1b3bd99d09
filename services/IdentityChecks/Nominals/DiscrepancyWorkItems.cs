using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Nominals;

namespace OffenderRisk.IdentityChecks.Nominals;

/// <summary>The outcome of raising a work item in the nominals service.</summary>
public enum WorkItemDeliveryOutcome
{
    Created,
    /// <summary>Refused for good (the nominal is gone, or the request is invalid): do not retry.</summary>
    Refused,
}

/// <summary>
/// Raises identity-discrepancy work items in the nominals service, called the platform's one way
/// (<see cref="NominalsServiceCalls"/>: a service token for the check's force, a deadline). Nominals
/// themselves are looked up with the platform's <see cref="NominalLookup"/>.
/// </summary>
public sealed class DiscrepancyWorkItems(
    IntelligenceService.IntelligenceServiceClient intelligence, NominalsServiceCalls calls, IOptions<NominalsServiceOptions> options)
{
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
            }, calls.Options(force, options.Value.Deadline, ct));
            return (WorkItemDeliveryOutcome.Created, response.WorkItem.Name, "");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
        {
            return (WorkItemDeliveryOutcome.Refused, "", e.StatusCode.ToString());
        }
        catch (RpcException e)
        {
            throw NominalLookup.Unavailable(e);
        }
    }
}
