using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Risk assessments. Handlers authorise, validate, and run each operation with its audit entry in
/// one transaction. Another force's assessment is answered exactly as a missing one (NOT_FOUND).
/// </summary>
public sealed class AssessmentsGrpcService(Database database, AssessmentStore store, AuditWriter audit, IdempotentCreate creates, AuditedPages pages, TimeProvider clock)
    : AssessmentsService.AssessmentsServiceBase
{
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreateAssessmentResponse> CreateAssessment(CreateAssessmentRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var requestId = RequestIds.Validate(request.RequestId);
        var details = AssessmentValidation.Validate(request.Assessment ?? new Assessment(), "assessment");
        return await creates.RunAsync(context, $"CreateAssessment:{caller.Force}", requestId, request, CreateAssessmentResponse.Parser, caller.Force,
            async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                // R-AS8: every assessment starts as a draft, authored by the caller.
                var record = new AssessmentRecord(Guid.CreateVersion7(now).ToString("D"), caller.Force, details, caller.UserId,
                    AssessmentState.Draft, null, now, now, 1);
                await store.InsertAsync(c, tx, record, context.CancellationToken);
                await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Collection, record.ResourceName, caller.Force), context.CancellationToken);
                return new IdempotentCreate.Created<CreateAssessmentResponse>(record.ResourceName, new CreateAssessmentResponse { Assessment = record.ToContract() });
            });
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<GetAssessmentResponse> GetAssessment(GetAssessmentRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var record = await FindVisibleAsync(c, tx, id, caller, ct);
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode), ct);
            return new GetAssessmentResponse { Assessment = record.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.ReadCaseWork)]
    public override async Task<ListAssessmentsResponse> ListAssessments(ListAssessmentsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = ParseNominal(request.Nominal, "nominal");
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"assessments:{caller.Force}:{nominalId}",
            (c, tx, before, limit, ct) => store.ListForNominalAsync(c, tx, caller.Force, nominalId, before, limit, ct), r => r.Id,
            // The subject is the person whose assessments were consulted.
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), caller.Force));
        return new ListAssessmentsResponse { Assessments = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<CountersignAssessmentResponse> CountersignAssessment(CountersignAssessmentRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = ParseName(request.Name, "name");
        var expectedVersion = Etag.Parse(request.Etag)
            ?? throw new ValidationFailedException([new FieldProblem("etag", "is required: send the etag from the assessment you read")]);
        var ct = context.CancellationToken;

        return await database.InTransactionAsync(async (c, tx) =>
        {
            var current = await FindVisibleAsync(c, tx, id, caller, ct);
            if (current.Version != expectedVersion)
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            var countersigned = Countersigning.Countersign(current, caller.UserId, clock.GetUtcNow());
            if (!await store.UpdateCountersignatureAsync(c, tx, countersigned, current.Version, ct))
            {
                throw new EtagMismatchException(current.ResourceName);
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Alteration, countersigned.ResourceName, countersigned.ForceCode), ct);
            return new CountersignAssessmentResponse { Assessment = countersigned.ToContract() };
        }, ct);
    }

    /// <summary>The assessment, if it exists and belongs to the caller's force; NOT_FOUND otherwise.</summary>
    private async Task<AssessmentRecord> FindVisibleAsync(DbConnection c, DbTransaction tx, string id, Caller caller, CancellationToken ct)
    {
        var record = await store.FindAsync(c, tx, id, ct);
        if (record is null || record.ForceCode != caller.Force)
        {
            throw new ResourceNotFoundException(AssessmentNames.Format(id));
        }
        return record;
    }

    private static string ParseName(string name, string field) =>
        AssessmentNames.TryParse(name)
        ?? throw new ValidationFailedException([new FieldProblem(field, "must be an assessment name, assessments/{uuid}")]);

    private static string ParseNominal(string name, string field) =>
        NominalNames.TryParse(name)
        ?? throw new ValidationFailedException([new FieldProblem(field, "must be a nominal name, nominals/{uuid}")]);
}
