using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.ServiceDefaults.Security;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Risk assessments. Handlers authorise, validate and delegate: the rules live in the domain
/// (<see cref="AssessmentOutcome"/>, <see cref="AssessmentLifecycle"/>, <see cref="AssessmentDisclosure"/>)
/// and every operation runs with its audit entry in one unit of work of the platform's access path,
/// where another force's assessment is answered exactly as a missing one (NOT_FOUND). The nominal a
/// create names is confirmed with the nominals service first (<see cref="NominalLookup"/>), outside
/// any unit of work: one that does not exist, or that another force manages, is NOT_FOUND and
/// nothing is written.
/// </summary>
public sealed partial class AssessmentsGrpcService(
    RecordAccess records, AssessmentStore store, IdempotentCreate creates, NominalLookup nominals, AssessmentFeed feed, TimeProvider clock,
    AcuteFactorStore acuteFactors)
    : AssessmentsService.AssessmentsServiceBase
{
    private const string Prefix = "assessment";

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<CreateAssessmentResponse> CreateAssessment(CreateAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        RequestIds.Validate(request.RequestId);
        var (details, outcome) = AssessmentValidation.Assess(request.Assessment ?? new Assessment(), Prefix);
        await nominals.GetAsync(call, details.NominalId);
        return await creates.CreateAsync(call, request.RequestId, request, CreateAssessmentResponse.Parser,
            s => store.InsertAsync(s, AssessmentRecord.Draft(details, outcome, call.Force, call.UserId, clock.GetUtcNow())),
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

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override Task<UpdateAssessmentResponse> UpdateAssessment(UpdateAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var sent = request.Assessment ?? new Assessment();
        var id = AssessmentNames.Parse(sent.Name, $"{Prefix}.name");
        var version = Etag.Require(sent.Etag, $"{Prefix}.etag", "assessment");
        var (details, outcome) = AssessmentValidation.Assess(sent, Prefix);
        return records.UpdateAsync(call, store, id, version, (current, now) =>
            {
                new Validator()
                    .Check(details.NominalId == current.NominalId, $"{Prefix}.nominal", "cannot change: an assessment stays with the nominal it assesses")
                    .Check(details.Kind == current.Kind, $"{Prefix}.kind", "cannot change: start a new assessment of the other kind")
                    .ThrowIfInvalid();
                return AssessmentLifecycle.Revise(current, details, outcome, call.UserId, now, $"{Prefix}.name");
            },
            a => new UpdateAssessmentResponse { Assessment = a.ToContract() });
    }

    [Authorize(Policy = Policies.WriteCaseWork)]
    public override Task<SubmitAssessmentResponse> SubmitAssessment(SubmitAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        return records.UpdateAsync(call, store, AssessmentNames.Parse(request.Name, "name"), Etag.Require(request.Etag, "etag", "assessment"),
            (a, now) => AssessmentLifecycle.Submit(a, call.UserId, now),
            a => new SubmitAssessmentResponse { Assessment = a.ToContract() });
    }

    [Authorize(Policy = Policies.Supervise)]
    public override Task<ReturnAssessmentResponse> ReturnAssessment(ReturnAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = AssessmentNames.Parse(request.Name, "name");
        var v = new Validator();
        var version = Etag.Require(request.Etag, v, "etag", "assessment");
        v.Required("reason", request.Reason, AssessmentLifecycle.RuleId).MaxLength("reason", request.Reason, AssessmentLifecycle.MaxReasonLength).ThrowIfInvalid();
        return records.UpdateAsync(call, store, id, version,
            (a, now) => AssessmentLifecycle.Return(a, call.UserId, request.Reason, now),
            a => new ReturnAssessmentResponse { Assessment = a.ToContract() });
    }

    /// <summary>
    /// R-AS8: countersigns, supersedes the nominal's previous current assessment of the same kind,
    /// and puts ASSESSMENT_COUNTERSIGNED on this service's change feed, all in one unit of work with
    /// their audit entries (the platform's <see cref="RecordAccess.CountersignAsync"/>): the
    /// assessment countersigned last is current.
    /// </summary>
    [Authorize(Policy = Policies.Supervise)]
    public override Task<CountersignAssessmentResponse> CountersignAssessment(CountersignAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = AssessmentNames.Parse(request.Name, "name");
        var version = Etag.Require(request.Etag, "etag", "assessment");
        return records.CountersignAsync(call, store, id, version,
            (a, now) => AssessmentLifecycle.Countersign(a, call.UserId, now),
            // One current assessment per nominal and kind.
            a => $"assessments:current:{a.NominalId}:{(int)a.Kind}",
            (s, a) => store.ListCurrentAsync(s, a.ForceCode, a.NominalId, a.Kind, a.Id),
            AssessmentLifecycle.Supersede,
            (s, a, superseded, now) => feed.PublishCountersignedAsync(s, new AssessmentCountersigned(a.Id, a.NominalId, a.ForceCode, a.Kind,
                a.Outcome.FinalLevel, LocalDates.DateOf(now), a.Details.RiskToChildren.Conclusion, superseded, call.UserId)),
            a => new CountersignAssessmentResponse { Assessment = a.ToContract() });
    }

    /// <summary>
    /// R-AS6: a countersigned assessment's outcome shared with a named agency, kept on the assessment
    /// and audited as a disclosure naming the recipient. Idempotent on request_id by reference: the key
    /// names the assessment, and a replay reads it again (refusing it to a caller who may not see it).
    /// </summary>
    [Authorize(Policy = Policies.WriteCaseWork)]
    public override async Task<DiscloseAssessmentResponse> DiscloseAssessment(DiscloseAssessmentRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var id = AssessmentNames.Parse(request.Name, "name");
        var requestId = RequestIds.Validate(request.RequestId);
        var sent = request.Disclosure ?? new Contracts.Assessments.V1.Disclosure();
        new Validator()
            .DefinedEnum("disclosure.recipient_agency", sent.RecipientAgency, rule: AssessmentDisclosure.RuleId)
            .Required("disclosure.recipient_name", sent.RecipientName, AssessmentDisclosure.RuleId)
            .MaxLength("disclosure.recipient_name", sent.RecipientName, AssessmentDisclosure.MaxRecipientNameLength)
            .Required("disclosure.purpose", sent.Purpose, AssessmentDisclosure.RuleId)
            .MaxLength("disclosure.purpose", sent.Purpose, AssessmentDisclosure.MaxPurposeLength)
            .ThrowIfInvalid();

        return await creates.RunByReferenceAsync(call, $"DiscloseAssessment:{id.Id}", requestId, request, async s =>
            {
                var assessment = await RecordAccess.FindVisibleAsync(s, call, store, id);
                var now = clock.GetUtcNow();
                var disclosure = new Domain.Disclosure((Domain.RecipientAgency)sent.RecipientAgency, sent.RecipientName.Trim(), sent.Purpose, call.UserId, now);
                var written = await RecordAccess.WriteAsync(s, store, assessment, AssessmentDisclosure.Disclose(assessment, disclosure), now);
                // R-AU1: a disclosure is logged with its recipient: the agency's code and the body named.
                await records.AuditAsync(s, call, AuditOperation.Disclosure, written,
                    [$"{ProtoEnums.OriginalName(sent.RecipientAgency)}: {disclosure.RecipientName}"]);
                return new IdempotentCreate.Created<DiscloseAssessmentResponse>(written.ResourceName, new DiscloseAssessmentResponse { Assessment = written.ToContract() });
            },
            async (s, _) => new DiscloseAssessmentResponse { Assessment = (await RecordAccess.FindVisibleAsync(s, call, store, id)).ToContract() });
    }

    /// <summary>The ARMS factor list (R-AS4): the current version, or a named one. Reference data: names no record, so nothing is audited.</summary>
    [Authorize(Policy = Policies.ReadCaseWork)]
    public override Task<GetArmsFactorListResponse> GetArmsFactorList(GetArmsFactorListRequest request, ServerCallContext context)
    {
        var list = string.IsNullOrEmpty(request.Version)
            ? ArmsFactorCatalogue.Current
            : ArmsFactorCatalogue.Find(request.Version)
                ?? throw ValidationFailedException.For("version",
                    $"must be a version of the ARMS factor list: {string.Join(", ", ArmsFactorCatalogue.Versions.Order(StringComparer.Ordinal))}");
        return Task.FromResult(list.ToContract());
    }
}
