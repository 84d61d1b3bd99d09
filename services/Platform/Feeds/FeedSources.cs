using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Nominals;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;
using AssessmentsCommit = OffenderRisk.Contracts.Assessments.V1.CommitFeedPositionRequest;
using InterventionsCommit = OffenderRisk.Contracts.Interventions.V1.CommitFeedPositionRequest;
using NominalsCommit = OffenderRisk.Contracts.Nominals.V1.CommitFeedPositionRequest;

namespace OffenderRisk.Platform.Feeds;

/// <summary>The nominals change feed (ListNominalEvents, CommitFeedPosition), read as a service principal.</summary>
public sealed class NominalFeedSource(NominalsServiceCalls calls) : IFeedSource<NominalEventType>
{
    public const string FeedName = "nominals";

    public string Feed => FeedName;

    public async Task<IReadOnlyList<FeedEvent<NominalEventType>>> ReadAsync(string consumer, int pageSize, TimeSpan deadline, CancellationToken ct)
    {
        var page = await calls.Nominals.ListNominalEventsAsync(
            new ListNominalEventsRequest { Consumer = consumer, PageSize = pageSize }, calls.Options(ServiceCallOptions.AllForces, deadline, ct));
        return page.Events.Select(e =>
        {
            var nominal = NominalNames.TryParse(e.Nominal) ?? throw new InvalidOperationException($"Nominal event {e.Sequence} names no nominal.");
            return new FeedEvent<NominalEventType>(e.Sequence, e.Type, nominal, e.ForceCode, e.Attributes, nominal, e.OccurTime?.ToDateTimeOffset() ?? default);
        }).ToList();
    }

    public async Task CommitAsync(string consumer, long sequence, TimeSpan deadline, CancellationToken ct) =>
        await calls.Nominals.CommitFeedPositionAsync(new NominalsCommit { Consumer = consumer, Sequence = sequence },
            calls.Options(ServiceCallOptions.AllForces, deadline, ct));
}

/// <summary>
/// The assessments change feed (ListAssessmentEvents, CommitFeedPosition) at <c>Services:Assessments</c>,
/// read as a service principal; the nominals service follows it (countersigned assessments).
/// </summary>
public sealed class AssessmentFeedSource(GrpcClientFactory clients, TokenIssuer tokens, IOptions<ServiceIdentity> identity)
    : IFeedSource<AssessmentEventType>
{
    public const string FeedName = "assessments";

    /// <summary>The name the client is registered under (without the shared retry handler: each call has a deadline, and the consumer retries).</summary>
    public const string ClientName = "assessments-feed";

    private readonly AssessmentsService.AssessmentsServiceClient _assessments = clients.CreateClient<AssessmentsService.AssessmentsServiceClient>(ClientName);

    public string Feed => FeedName;

    public async Task<IReadOnlyList<FeedEvent<AssessmentEventType>>> ReadAsync(string consumer, int pageSize, TimeSpan deadline, CancellationToken ct)
    {
        var page = await _assessments.ListAssessmentEventsAsync(
            new ListAssessmentEventsRequest { Consumer = consumer, PageSize = pageSize }, Options(deadline, ct));
        return page.Events.Select(e => new FeedEvent<AssessmentEventType>(e.Sequence, e.Type,
            NominalNames.TryParse(e.Nominal) ?? throw new InvalidOperationException($"Assessment event {e.Sequence} names no nominal."),
            e.ForceCode, e.Attributes,
            ResourceNames.TryParseId("assessments", e.Assessment) ?? throw new InvalidOperationException($"Assessment event {e.Sequence} names no assessment."),
            e.OccurTime?.ToDateTimeOffset() ?? default))
            .ToList();
    }

    public async Task CommitAsync(string consumer, long sequence, TimeSpan deadline, CancellationToken ct) =>
        await _assessments.CommitFeedPositionAsync(new AssessmentsCommit { Consumer = consumer, Sequence = sequence }, Options(deadline, ct));

    private Grpc.Core.CallOptions Options(TimeSpan deadline, CancellationToken ct) =>
        ServiceCallOptions.Create(tokens, identity.Value, ServiceCallOptions.AllForces, deadline, ct);
}

/// <summary>
/// The interventions change feed (ListInterventionEvents, CommitFeedPosition) at
/// <c>Services:Interventions</c>, read as a service principal; the nominals service follows it
/// (plans countersigned, actions completed, breaches). An event's record is its subject's full
/// resource name ("plans/{id}" or "interventions/{id}").
/// </summary>
public sealed class InterventionFeedSource(GrpcClientFactory clients, TokenIssuer tokens, IOptions<ServiceIdentity> identity)
    : IFeedSource<InterventionEventType>
{
    public const string FeedName = "interventions";

    /// <summary>The name the client is registered under.</summary>
    public const string ClientName = "interventions-feed";

    private readonly InterventionsService.InterventionsServiceClient _interventions =
        clients.CreateClient<InterventionsService.InterventionsServiceClient>(ClientName);

    public string Feed => FeedName;

    public async Task<IReadOnlyList<FeedEvent<InterventionEventType>>> ReadAsync(string consumer, int pageSize, TimeSpan deadline, CancellationToken ct)
    {
        var page = await _interventions.ListInterventionEventsAsync(
            new ListInterventionEventsRequest { Consumer = consumer, PageSize = pageSize }, Options(deadline, ct));
        return page.Events.Select(e => new FeedEvent<InterventionEventType>(e.Sequence, e.Type,
            NominalNames.TryParse(e.Nominal) ?? throw new InvalidOperationException($"Intervention event {e.Sequence} names no nominal."),
            e.ForceCode, e.Attributes,
            e.Subject.Length > 0 ? e.Subject : throw new InvalidOperationException($"Intervention event {e.Sequence} names no subject."),
            e.OccurTime?.ToDateTimeOffset() ?? default))
            .ToList();
    }

    public async Task CommitAsync(string consumer, long sequence, TimeSpan deadline, CancellationToken ct) =>
        await _interventions.CommitFeedPositionAsync(new InterventionsCommit { Consumer = consumer, Sequence = sequence }, Options(deadline, ct));

    private Grpc.Core.CallOptions Options(TimeSpan deadline, CancellationToken ct) =>
        ServiceCallOptions.Create(tokens, identity.Value, ServiceCallOptions.AllForces, deadline, ct);
}
