using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Assessments;

/// <summary>
/// Configuration section <c>AssessmentsService</c>: calls to the assessments service made while a
/// request waits (a home visit's acute-factor record, R-AS9). Its address is <c>Services:Assessments</c>;
/// the assessments feed's calls have their own deadline (<c>AssessmentFeed:CallDeadline</c>).
/// </summary>
public sealed class AssessmentsServiceOptions
{
    public const string SectionName = "AssessmentsService";

    /// <summary>Deadline of each call. Default 5 s.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// R-AS9: finds the acute-factor record made before a home visit, by asking the assessments
/// service (ListAcuteFactorRecords) on behalf of the caller's force, which scopes and audits the
/// read there. Call it before the unit of work, so that no transaction waits on the remote call.
/// </summary>
public sealed class AcuteFactorRecords(GrpcClientFactory clients, TokenIssuer tokens, IOptions<ServiceIdentity> identity,
    IOptions<AssessmentsServiceOptions> options)
{
    /// <summary>The name the client is registered under (its own, beside the feed's: the same registration, ServiceClients).</summary>
    public const string ClientName = "assessments-acute-factors";

    public const string Dependency = "assessments";

    /// <summary>Records asked for per page: the contract's most.</summary>
    private const int PageSize = 200;

    /// <summary>
    /// Pages read at most (newest first): the record is made just before the visit is recorded, so
    /// it is on the first page unless a nominal has hundreds of later records; the bound keeps one
    /// request from walking an unbounded history.
    /// </summary>
    private const int MaxPages = 5;

    private readonly AssessmentsService.AssessmentsServiceClient _assessments = clients.CreateClient<AssessmentsService.AssessmentsServiceClient>(ClientName);

    /// <summary>
    /// The name of the nominal's acute-factor record made for <paramref name="visitName"/> (occasion
    /// HOME_VISIT), or "" when there is none. NOT_FOUND under <paramref name="visitName"/> when the
    /// assessments service does not find the nominal in the caller's force; UNAVAILABLE
    /// (DEADLINE_EXCEEDED when it timed out) when it cannot answer.
    /// </summary>
    public async Task<string> FindForVisitAsync(CallScope call, string nominalId, string visitName)
    {
        var request = new ListAcuteFactorRecordsRequest { Nominal = NominalNames.Format(nominalId), PageSize = PageSize };
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                var callOptions = ServiceCallOptions.Create(tokens, identity.Value, call.Force, options.Value.Deadline, call.CancellationToken);
                var response = await _assessments.ListAcuteFactorRecordsAsync(request, callOptions);
                var found = response.Records.FirstOrDefault(r => r.Occasion == AcuteFactorOccasion.HomeVisit && r.HomeVisit == visitName);
                if (found is not null)
                {
                    return found.Name;
                }
                if (response.NextPageToken.Length == 0)
                {
                    break;
                }
                request.PageToken = response.NextPageToken;
            }
            return "";
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new ResourceNotFoundException(visitName);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !call.CancellationToken.IsCancellationRequested)
        {
            throw e.StatusCode switch
            {
                StatusCode.DeadlineExceeded => new DependencyUnavailableException(Dependency, "The assessments service did not answer in time; retry shortly.", timedOut: true),
                _ => new DependencyUnavailableException(Dependency, $"The assessments service could not answer ({e.StatusCode}); retry shortly."),
            };
        }
    }
}

/// <summary>The nominals service asks the assessments service for acute-factor records (R-AS9).</summary>
public static class AcuteFactorRecordsRegistration
{
    public static IHostApplicationBuilder AddAcuteFactorRecords(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AssessmentsServiceOptions>()
            .Bind(builder.Configuration.GetSection(AssessmentsServiceOptions.SectionName))
            .Validate(o => o.Deadline > TimeSpan.Zero, "AssessmentsService:Deadline must be positive.")
            .ValidateOnStart();
        builder.AddServiceClient<AssessmentsService.AssessmentsServiceClient>("Assessments", FeedRegistration.DefaultAssessmentsAddress, AcuteFactorRecords.ClientName);
        builder.Services.AddSingleton<AcuteFactorRecords>();
        return builder;
    }
}
