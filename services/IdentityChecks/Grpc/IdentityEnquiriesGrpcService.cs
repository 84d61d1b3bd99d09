using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Single enquiries with each agency. Handlers validate, apply R-IC1 before anything leaves the
/// service, confirm the nominal with the nominals service (another force's is NOT_FOUND), and hand
/// the call to <see cref="EnquiryRunner"/> (deduplication, audit, storage).
/// </summary>
public sealed class IdentityEnquiriesGrpcService(NominalDirectory nominals, EnquiryRunner runner, PncClient pnc, PndClient pnd, DvlaClient dvla, HmpoClient hmpo)
    : IdentityEnquiriesService.IdentityEnquiriesServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPncPersonResponse> LookupPncPerson(LookupPncPersonRequest request, ServerCallContext context)
    {
        var (nominal, pncId) = await PncSubjectAsync(request.Nominal, request.PncId, context);
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnc, "persons.lookup", pncId, EnquiryGround.Unspecified),
            LegacyAdapters.ActorOf(context), ct => pnc.LookupPersonAsync(pncId, ct), context.CancellationToken);
        return new LookupPncPersonResponse { Provenance = answer.Provenance(), Found = answer.Record.Found, Person = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPncDriverRecordResponse> LookupPncDriverRecord(LookupPncDriverRecordRequest request, ServerCallContext context)
    {
        var (nominal, pncId) = await PncSubjectAsync(request.Nominal, request.PncId, context);
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnc, "driver-records.lookup", pncId, EnquiryGround.Unspecified),
            LegacyAdapters.ActorOf(context), ct => pnc.LookupDriverRecordAsync(pncId, ct), context.CancellationToken);
        return new LookupPncDriverRecordResponse { Provenance = answer.Provenance(), Found = answer.Record.Found, DriverRecord = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<SearchPndIntelligenceResponse> SearchPndIntelligence(SearchPndIntelligenceRequest request, ServerCallContext context)
    {
        var (nominal, pncId) = await PncSubjectAsync(request.Nominal, request.PncId, context);
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Pnd, "intelligence.search", pncId, EnquiryGround.Unspecified),
            LegacyAdapters.ActorOf(context), ct => pnd.SearchAsync(pncId, ct), context.CancellationToken);
        var response = answer.Result?.Clone() ?? new SearchPndIntelligenceResponse();
        response.Provenance = answer.Provenance();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ValidateDrivingLicenceResponse> ValidateDrivingLicence(ValidateDrivingLicenceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        Requests.DrivingLicenceNumber(request.DrivingLicenceNumber, "driving_licence_number", required: true);
        EnquiryGrounds.Require(request.Ground);
        var nominal = await nominals.GetAsync(nominalId, caller.Force, context.CancellationToken);
        var licence = request.DrivingLicenceNumber;
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Dvla, "driver-licences.validate", licence, request.Ground),
            LegacyAdapters.ActorOf(context), ct => dvla.ValidateLicenceAsync(licence, ct), context.CancellationToken);
        return new ValidateDrivingLicenceResponse { Provenance = answer.Provenance(), Found = answer.Record.Found, Licence = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPassportResponse> LookupPassport(LookupPassportRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(request.Nominal);
        Requests.PassportNumber(request.PassportNumber, "passport_number", required: true);
        EnquiryGrounds.Require(request.Ground);
        var nominal = await nominals.GetAsync(nominalId, caller.Force, context.CancellationToken);
        var passport = request.PassportNumber;
        var answer = await runner.RunAsync(nominal, new EnquirySpec(Agency.Hmpo, "passports.lookup", passport, request.Ground),
            LegacyAdapters.ActorOf(context), ct => hmpo.LookupPassportAsync(passport, ct), context.CancellationToken);
        return new LookupPassportResponse { Provenance = answer.Provenance(), Found = answer.Record.Found, Passport = answer.Result };
    }

    private async Task<(NominalSnapshot Nominal, string PncId)> PncSubjectAsync(string nominalName, string pncId, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var nominalId = Requests.Nominal(nominalName);
        Requests.OptionalPncId(pncId);
        var nominal = await nominals.GetAsync(nominalId, caller.Force, context.CancellationToken);
        return (nominal, Requests.PncIdFor(pncId, nominal));
    }
}
