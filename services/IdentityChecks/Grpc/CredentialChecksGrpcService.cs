using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using Contract = OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Enquiries;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Credential checks (R-IC2): ask the agencies, record what they said, compare with every earlier
/// check, and queue a work item for the MOSOVO officer when something is new.
/// </summary>
public sealed class CredentialChecksGrpcService(
    RecordAccess records, IdempotentCreate creates, CredentialCheckStore store, OutboxStore outbox, NominalLookup nominals,
    CredentialEnquiries enquiries, OutboxSignal signal, TimeProvider clock)
    : CredentialChecksService.CredentialChecksServiceBase
{
    /// <summary>Earlier checks compared with a new one, newest first.</summary>
    private const int MaxEarlierChecks = 500;

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<CheckCredentialsResponse> CheckCredentials(CheckCredentialsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Nominal, "nominal");
        var requestId = RequestIds.Validate(request.RequestId);
        AgencyIdentifierFields.OptionalPncId(request.PncId);
        AgencyIdentifierFields.DrivingLicenceNumber(request.DrivingLicenceNumber, "driving_licence_number", required: false);
        AgencyIdentifierFields.PassportNumber(request.PassportNumber, "passport_number", required: false);
        var asksDvlaOrHmpo = request.DrivingLicenceNumber.Length > 0 || request.PassportNumber.Length > 0;
        var ground = (EnquiryGround)request.Ground;
        if (asksDvlaOrHmpo || ground != EnquiryGround.Unspecified)
        {
            EnquiryGrounds.Require(ground);
        }
        var scope = $"CheckCredentials:{call.Force}";

        // A repeat must not ask the agencies again: look for the earlier response first.
        if (await creates.FindReplayAsync(call, scope, requestId, request, CheckCredentialsResponse.Parser, call.Force) is { } replay)
        {
            return replay;
        }

        var nominal = await nominals.GetAsync(call, nominalId);
        var pncId = !string.IsNullOrEmpty(request.PncId) ? request.PncId : AgencyIdentifiers.IsPncId(nominal.PncId) ? nominal.PncId : "";
        if (pncId.Length == 0 && !asksDvlaOrHmpo)
        {
            throw new PreconditionFailedException("NOTHING_TO_CHECK", "pnc_id",
                "The nominal has no PNC ID recorded and no driving licence or passport number was given.");
        }

        // Agencies first (outside any transaction); each answer is stored as an enquiry as it comes.
        var answers = await enquiries.AskAsync(call, nominal, new CredentialQuestions(pncId, request.DrivingLicenceNumber, request.PassportNumber, ground));

        var response = await creates.RunAsync(call, scope, requestId, request, CheckCredentialsResponse.Parser, async s =>
        {
            var now = clock.GetUtcNow();
            var earlier = await store.ListForNominalAsync(s, nominal.ForceCode, nominal.Id, null, MaxEarlierChecks);
            var record = CredentialCheckRecord.Record(RequestIds.NewId(now), nominal.Id, nominal.ForceCode, ground, pncId,
                request.DrivingLicenceNumber, request.PassportNumber, answers.Observations, answers.Results, earlier, nominal.Names, call.UserId, now);
            await store.InsertAsync(s, record);
            if (record.OwesWorkItem)
            {
                // The work item for the officer is owed from this commit on (outbox, R-IC2).
                await outbox.InsertAsync(s, RequestIds.NewId(now), OutboxKinds.DiscrepancyWorkItem, record.Id, record.ForceCode, now);
            }
            // What the agencies said, combined into the check (R-AU1: combination).
            await records.AuditAsync(s, call, AuditOperation.Combination, record);
            return new IdempotentCreate.Created<CheckCredentialsResponse>(record.ResourceName, new CheckCredentialsResponse { CredentialCheck = record.ToContract() });
        }, call.Force);
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override Task<GetCredentialCheckResponse> GetCredentialCheck(GetCredentialCheckRequest request, ServerCallContext context)
    {
        var id = CredentialCheckNames.Parse(request.Name, "name");
        return records.GetAsync(context.Scope(), store, id, CredentialCheckNames.Format(id), r => new GetCredentialCheckResponse { CredentialCheck = r.ToContract() });
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListCredentialChecksResponse> ListCredentialChecks(ListCredentialChecksRequest request, ServerCallContext context)
    {
        var page = await nominals.ListForNominalAsync(records, context.Scope(), store, CredentialCheckNames.Collection, request.Nominal, "nominal", new PageRequest(request.PageSize, request.PageToken));
        return new ListCredentialChecksResponse { CredentialChecks = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }
}

internal static class CredentialCheckMapping
{
    public static CredentialCheck ToContract(this CredentialCheckRecord r)
    {
        var check = new CredentialCheck
        {
            Name = r.ResourceName,
            Nominal = r.Nominal,
            Ground = (Contract.EnquiryGround)r.Ground,
            PncId = r.PncId,
            DrivingLicenceNumber = r.DrivingLicenceNumber,
            PassportNumber = r.PassportNumber,
            NotificationState = (Contract.NotificationState)r.NotificationState,
            WorkItem = r.WorkItem,
            CheckedBy = r.CheckedBy,
            CheckTime = Timestamp.FromDateTimeOffset(r.CheckTime),
            EarlierChecksCompared = r.EarlierChecksCompared,
        };
        check.Names.AddRange(r.Observations.Names.DistinctBy(n => n.Key).Select(n => new PersonName { FamilyName = n.FamilyName, GivenNames = n.GivenNames }));
        check.DrivingLicenceNumbers.AddRange(r.Observations.DrivingLicenceNumbers.Select(d => d.Number).Distinct());
        check.PassportNumbers.AddRange(r.Observations.PassportNumbers.Select(d => d.Number).Distinct());
        check.AgencyResults.AddRange(r.AgencyResults.Select(a => new AgencyCheckResult
        {
            Agency = (Contract.Agency)a.Agency, Enquiry = EnquiryNames.Format(a.EnquiryId), Found = a.Found, Deduplicated = a.Deduplicated,
        }));
        check.Discrepancies.AddRange(r.Discrepancies.Select(d => new Discrepancy { Kind = (Contract.DiscrepancyKind)d.Kind, Detail = d.Detail, Agency = (Contract.Agency)d.Agency }));
        return check;
    }
}
