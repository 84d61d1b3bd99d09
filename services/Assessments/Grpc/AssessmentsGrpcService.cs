using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Risk assessments. Handlers authorise, validate and delegate to the platform's access path:
/// each operation runs with its audit entry in one unit of work, and another force's assessment
/// is answered exactly as a missing one (NOT_FOUND). The nominal a request names is confirmed with
/// the nominals service first (<see cref="NominalLookup"/>), outside any unit of work: one that does
/// not exist, or that another force manages, is NOT_FOUND and nothing is written.
/// </summary>
public sealed partial class AssessmentsGrpcService(
    RecordAccess records, AssessmentStore store, IdempotentCreate creates, NominalLookup nominals, TimeProvider clock, AssessmentFeed feed)
    : AssessmentsService.AssessmentsServiceBase
{
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreateAssessmentResponse> CreateAssessment(CreateAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        RequestIds.Validate(request.RequestId);
        var details = AssessmentValidation.Validate(request.Assessment ?? new Assessment(), "assessment");
        await nominals.GetAsync(call, details.NominalId);
        return await creates.CreateAsync(call, request.RequestId, request, CreateAssessmentResponse.Parser,
            s => store.InsertAsync(s, AssessmentRecord.Draft(details, call.Force, call.UserId, clock.GetUtcNow())),
            a => new CreateAssessmentResponse { Assessment = a.ToContract() });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override Task<GetAssessmentResponse> GetAssessment(GetAssessmentRequest request, ServerCallContext context) =>
        records.GetAsync(context.Scope(), store, AssessmentNames.Parse(request.Name, "name"),
            a => new GetAssessmentResponse { Assessment = a.ToContract() });

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<ListAssessmentsResponse> ListAssessments(ListAssessmentsRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), store, AssessmentNames.Collection, request.Nominal, "nominal",
            new PageRequest(request.PageSize, request.PageToken));
        return new ListAssessmentsResponse { Assessments = { page.Items.Select(a => a.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override Task<CountersignAssessmentResponse> CountersignAssessment(CountersignAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = AssessmentNames.Parse(request.Name, "name");
        return records.UpdateAsync(call, store, id.Id, id.Name, Etag.Require(request.Etag, "etag", "assessment"),
            async (s, a, now) =>
            {
                var countersigned = Countersigning.Countersign(a, call.UserId, now);
                await feed.PublishCountersignedAsync(s, new AssessmentCountersigned(countersigned.Id, countersigned.NominalId, countersigned.ForceCode,
                    countersigned.Details.Tool, countersigned.Details.FinalLevel, LocalDates.DateOf(now), Domain.RiskToChildrenConclusion.Unspecified, null));
                return countersigned;
            },
            a => new CountersignAssessmentResponse { Assessment = a.ToContract() });
    }
}
