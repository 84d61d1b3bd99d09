using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.IdentityChecks.Workers;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Credential checks (R-IC2): ask the agencies, record what they said, compare with every earlier
/// check, and queue a work item for the MOSOVO officer when something is new.
/// </summary>
public sealed class CredentialChecksGrpcService(
    Database database, IdempotentCreate creates, AuditedPages pages, CredentialCheckStore store, OutboxStore outbox, AuditWriter audit, NominalDirectory nominals, EnquiryRunner runner,
    PncClient pnc, DvlaClient dvla, HmpoClient hmpo, OutboxSignal signal, TimeProvider clock)
    : CredentialChecksService.CredentialChecksServiceBase
{
    /// <summary>Earlier checks compared with a new one, newest first.</summary>
    private const int MaxEarlierChecks = 500;

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<CheckCredentialsResponse> CheckCredentials(CheckCredentialsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var actor = LegacyAdapters.ActorOf(context);
        var nominalId = Requests.Nominal(request.Nominal);
        var requestId = Requests.RequestId(request.RequestId);
        Requests.OptionalPncId(request.PncId);
        Requests.DrivingLicenceNumber(request.DrivingLicenceNumber, "driving_licence_number", required: false);
        Requests.PassportNumber(request.PassportNumber, "passport_number", required: false);
        var asksDvlaOrHmpo = request.DrivingLicenceNumber.Length > 0 || request.PassportNumber.Length > 0;
        if (asksDvlaOrHmpo || request.Ground != EnquiryGround.Unspecified)
        {
            EnquiryGrounds.Require(request.Ground);
        }
        var ct = context.CancellationToken;
        var scope = $"CheckCredentials:{caller.Force}";

        // A repeat must not ask the agencies again: look for the earlier response first.
        if (requestId is not null)
        {
            var replay = await database.InTransactionAsync(async (c, tx) =>
            {
                var found = await LegacyAdapters.FindReplayAsync(c, tx, scope, requestId, request, CheckCredentialsResponse.Parser, ct);
                if (found is not null)
                {
                    await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Consultation, found.ResourceName, caller.Force), ct);
                }
                return found;
            }, ct);
            if (replay is not null)
            {
                return replay.Response;
            }
        }

        var nominal = await nominals.GetAsync(nominalId, caller.Force, ct);
        var pncId = !string.IsNullOrEmpty(request.PncId) ? request.PncId : AgencyIdentifiers.IsPncId(nominal.PncId) ? nominal.PncId : "";
        if (pncId.Length == 0 && !asksDvlaOrHmpo)
        {
            throw new PreconditionFailedException("NOTHING_TO_CHECK", "pnc_id",
                "The nominal has no PNC ID recorded and no driving licence or passport number was given.");
        }

        // Agencies first (outside any transaction); each answer is stored as an enquiry as it comes.
        var names = new List<ObservedName>();
        var licences = new List<ObservedDocument>();
        var passports = new List<ObservedDocument>();
        var changes = new List<ObservedNameChange>();
        var results = new List<AgencyResultRecord>();
        if (pncId.Length > 0)
        {
            // R-IC4: the PNC driver record is the preferred route: it links earlier records and name changes.
            var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnc, "driver-records.lookup", pncId, EnquiryGround.Unspecified),
                actor, t => pnc.LookupDriverRecordAsync(pncId, t), ct);
            results.Add(new AgencyResultRecord(Agency.Pnc, answer.Record.Id, answer.Record.Found, answer.Deduplicated));
            if (answer.Result is { } record)
            {
                names.Add(Observed(record.CurrentName, Agency.Pnc));
                licences.Add(new ObservedDocument(record.DriverNumber, Agency.Pnc));
                foreach (var change in record.NameChanges)
                {
                    var previous = Observed(change.PreviousName, Agency.Pnc);
                    var next = Observed(change.NewName, Agency.Pnc);
                    names.Add(previous);
                    names.Add(next);
                    changes.Add(new ObservedNameChange(FormatDate(change.EffectiveDate), previous, next));
                    if (change.PreviousDriverNumber.Length > 0)
                    {
                        licences.Add(new ObservedDocument(change.PreviousDriverNumber, Agency.Pnc));
                    }
                }
                foreach (var link in record.LinkedRecords)
                {
                    if (link.NameOnRecord is not null)
                    {
                        names.Add(Observed(link.NameOnRecord, Agency.Pnc));
                    }
                    if (link.DriverNumber.Length > 0)
                    {
                        licences.Add(new ObservedDocument(link.DriverNumber, Agency.Pnc));
                    }
                }
            }
        }
        if (request.DrivingLicenceNumber.Length > 0)
        {
            var licenceNumber = request.DrivingLicenceNumber;
            var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Dvla, "driver-licences.validate", licenceNumber, request.Ground),
                actor, t => dvla.ValidateLicenceAsync(licenceNumber, t), ct);
            results.Add(new AgencyResultRecord(Agency.Dvla, answer.Record.Id, answer.Record.Found, answer.Deduplicated));
            if (answer.Result is { } licence)
            {
                names.Add(Observed(licence.HolderName, Agency.Dvla));
                licences.Add(new ObservedDocument(licence.DrivingLicenceNumber, Agency.Dvla));
            }
        }
        if (request.PassportNumber.Length > 0)
        {
            var passportNumber = request.PassportNumber;
            var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Hmpo, "passports.lookup", passportNumber, request.Ground),
                actor, t => hmpo.LookupPassportAsync(passportNumber, t), ct);
            results.Add(new AgencyResultRecord(Agency.Hmpo, answer.Record.Id, answer.Record.Found, answer.Deduplicated));
            if (answer.Result is { } passport)
            {
                names.Add(Observed(passport.HolderName, Agency.Hmpo));
                passports.Add(new ObservedDocument(passport.PassportNumber, Agency.Hmpo));
                passports.AddRange(passport.PreviousPassportNumbers.Select(p => new ObservedDocument(p, Agency.Hmpo)));
            }
        }
        var observations = new CredentialObservations(names, licences, passports, changes);

        var response = await creates.RunAsync(context, scope, requestId, request, CheckCredentialsResponse.Parser, caller.Force, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var earlier = await store.ListForNominalAsync(c, tx, nominal.ForceCode, nominal.Id, null, MaxEarlierChecks, ct);
            var discrepancies = CredentialComparison.Compare(observations, earlier.Select(e => e.Observations).ToList(), nominal.Names);
            var record = new CredentialCheckRecord(ResourceIds.New(now), nominal.Id, nominal.ForceCode, request.Ground, pncId,
                request.DrivingLicenceNumber, request.PassportNumber, observations, results, discrepancies, earlier.Count,
                discrepancies.Count > 0 ? NotificationState.Pending : NotificationState.NotNeeded, "", caller.UserId, now);
            await store.InsertAsync(c, tx, record, ct);
            if (discrepancies.Count > 0)
            {
                // The work item for the officer is owed from this commit on (outbox, R-IC2).
                await outbox.InsertAsync(c, tx, ResourceIds.New(now), OutboxKinds.DiscrepancyWorkItem, record.Id, record.ForceCode, now, ct);
            }
            // What the agencies said, combined into the check (R-AU1: combination).
            await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Combination, record.ResourceName, record.ForceCode), ct);
            return new IdempotentCreate.Created<CheckCredentialsResponse>(record.ResourceName, new CheckCredentialsResponse { CredentialCheck = record.ToContract() });
        });
        signal.Signal.Notify();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<GetCredentialCheckResponse> GetCredentialCheck(GetCredentialCheckRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var id = CredentialCheckNames.TryParse(request.Name) ?? throw Requests.Invalid("name", "must be a credential check name, credentialChecks/{uuid}");
        var ct = context.CancellationToken;
        return await database.InTransactionAsync(async (c, tx) =>
        {
            var record = await store.FindAsync(c, tx, id, ct);
            if (record is null || record.ForceCode != caller.Force)
            {
                throw new ResourceNotFoundException(CredentialCheckNames.Format(id));
            }
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, record.ResourceName, record.ForceCode), ct);
            return new GetCredentialCheckResponse { CredentialCheck = record.ToContract() };
        }, ct);
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ListCredentialChecksResponse> ListCredentialChecks(ListCredentialChecksRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        var page = await pages.ReadAsync(context, request.PageSize, request.PageToken, $"credentialChecks:{caller.Force}:{nominalId}",
            (c, tx, before, limit, ct) => store.ListForNominalAsync(c, tx, caller.Force, nominalId, before, limit, ct), r => r.Id,
            new AuditEvent(AuditOperation.Consultation, NominalNames.Format(nominalId), caller.Force));
        return new ListCredentialChecksResponse { CredentialChecks = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    private static ObservedName Observed(PersonName name, Agency agency) => new(name.FamilyName, name.GivenNames, agency);

    private static string FormatDate(CalendarDate? date) =>
        date is null ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";
}

internal static class CredentialCheckMapping
{
    public static CredentialCheck ToContract(this CredentialCheckRecord r)
    {
        var check = new CredentialCheck
        {
            Name = r.ResourceName,
            Nominal = r.Nominal,
            Ground = r.Ground,
            PncId = r.PncId,
            DrivingLicenceNumber = r.DrivingLicenceNumber,
            PassportNumber = r.PassportNumber,
            NotificationState = r.NotificationState,
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
            Agency = a.Agency, Enquiry = EnquiryNames.Format(a.EnquiryId), Found = a.Found, Deduplicated = a.Deduplicated,
        }));
        check.Discrepancies.AddRange(r.Discrepancies.Select(d => new Discrepancy { Kind = d.Kind, Detail = d.Detail, Agency = d.Agency }));
        return check;
    }
}
