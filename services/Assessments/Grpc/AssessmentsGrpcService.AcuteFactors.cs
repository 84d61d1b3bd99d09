using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.ServiceDefaults.Security;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Acute factors (R-AS9): recorded per review and before each home visit. The nominal is confirmed
/// with the nominals service first, as for an assessment; a reviewed assessment is read in the unit
/// of work that writes the record, so that it cannot change nominal or force in between.
/// </summary>
public sealed partial class AssessmentsGrpcService
{
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<Contract.RecordAcuteFactorsResponse> RecordAcuteFactors(Contract.RecordAcuteFactorsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        RequestIds.Validate(request.RequestId);
        var details = AcuteFactorValidation.Validate(request.Record ?? new Contract.AcuteFactorRecord(), "record");
        await nominals.GetAsync(call, details.NominalId);
        return await creates.CreateAsync(call, request.RequestId, request, Contract.RecordAcuteFactorsResponse.Parser,
            async s =>
            {
                if (details.AssessmentId is { } assessmentId)
                {
                    // Another force's assessment is NOT_FOUND, as a missing one; another nominal's is refused (R-AS9).
                    var reviewed = await RecordAccess.FindVisibleAsync(s, call, store, assessmentId, AssessmentNames.Format(assessmentId));
                    AcuteFactorRecording.EnsureReviewOf(reviewed, details, "record.assessment");
                }
                return await acuteFactors.InsertAsync(s, AcuteFactorRecord.New(details, call.Force, call.UserId, clock.GetUtcNow()));
            },
            r => new Contract.RecordAcuteFactorsResponse { Record = r.ToContract() });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<Contract.ListAcuteFactorRecordsResponse> ListAcuteFactorRecords(Contract.ListAcuteFactorRecordsRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), acuteFactors, AcuteFactorRecordNames.Collection, request.Nominal, "nominal",
            new PageRequest(request.PageSize, request.PageToken));
        return new Contract.ListAcuteFactorRecordsResponse { Records = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }
}
