using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Enquiries;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>
/// Single enquiries with each agency. Handlers validate, apply R-IC1 before anything leaves the
/// service, confirm the nominal with the nominals service (another force's is NOT_FOUND), and hand
/// the call to <see cref="EnquiryRunner"/> (deduplication, audit, storage).
/// </summary>
public sealed class IdentityEnquiriesGrpcService(NominalLookup nominals, EnquiryRunner runner, PncClient pnc, PndClient pnd, DvlaClient dvla, HmpoClient hmpo)
    : IdentityEnquiriesService.IdentityEnquiriesServiceBase
{
    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPncPersonResponse> LookupPncPerson(LookupPncPersonRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominal, pncId) = await PncSubjectAsync(call, request.Nominal, request.PncId);
        var answer = await runner.RunAsync(call, nominal, new EnquirySpec(Agency.Pnc, "persons.lookup", pncId, EnquiryGround.Unspecified),
            ct => pnc.LookupPersonAsync(pncId, ct));
        return new LookupPncPersonResponse { Provenance = answer.ToProvenance(), Found = answer.Record.Found, Person = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPncDriverRecordResponse> LookupPncDriverRecord(LookupPncDriverRecordRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominal, pncId) = await PncSubjectAsync(call, request.Nominal, request.PncId);
        var answer = await runner.RunAsync(call, nominal, new EnquirySpec(Agency.Pnc, "driver-records.lookup", pncId, EnquiryGround.Unspecified),
            ct => pnc.LookupDriverRecordAsync(pncId, ct));
        return new LookupPncDriverRecordResponse { Provenance = answer.ToProvenance(), Found = answer.Record.Found, DriverRecord = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<SearchPndIntelligenceResponse> SearchPndIntelligence(SearchPndIntelligenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominal, pncId) = await PncSubjectAsync(call, request.Nominal, request.PncId);
        var answer = await runner.RunAsync(call, nominal, new EnquirySpec(Agency.Pnd, "intelligence.search", pncId, EnquiryGround.Unspecified),
            ct => pnd.SearchAsync(pncId, ct));
        var response = answer.Result?.Clone() ?? new SearchPndIntelligenceResponse();
        response.Provenance = answer.ToProvenance();
        return response;
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<ValidateDrivingLicenceResponse> ValidateDrivingLicence(ValidateDrivingLicenceRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Nominal, "nominal");
        AgencyIdentifierFields.DrivingLicenceNumber(request.DrivingLicenceNumber, "driving_licence_number", required: true);
        var licence = request.DrivingLicenceNumber;
        var answer = await DocumentEnquiryAsync(call, nominalId, (EnquiryGround)request.Ground, Agency.Dvla, "driver-licences.validate", licence,
            ct => dvla.ValidateLicenceAsync(licence, ct));
        return new ValidateDrivingLicenceResponse { Provenance = answer.ToProvenance(), Found = answer.Record.Found, Licence = answer.Result };
    }

    [Authorize(Policy = Policies.IdentityEnquiry)]
    public override async Task<LookupPassportResponse> LookupPassport(LookupPassportRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Nominal, "nominal");
        AgencyIdentifierFields.PassportNumber(request.PassportNumber, "passport_number", required: true);
        var passport = request.PassportNumber;
        var answer = await DocumentEnquiryAsync(call, nominalId, (EnquiryGround)request.Ground, Agency.Hmpo, "passports.lookup", passport,
            ct => hmpo.LookupPassportAsync(passport, ct));
        return new LookupPassportResponse { Provenance = answer.ToProvenance(), Found = answer.Record.Found, Passport = answer.Result };
    }

    /// <summary>A DVLA or HMPO enquiry: R-IC1 (a recorded ground) before the nominal is confirmed and the agency asked.</summary>
    private async Task<EnquiryAnswer<T>> DocumentEnquiryAsync<T>(CallScope call, string nominalId, EnquiryGround ground, Agency agency,
        string operation, string document, Func<CancellationToken, Task<AgencyLookup<T>>> ask) where T : class, Google.Protobuf.IMessage<T>, new()
    {
        EnquiryGrounds.Require(ground);
        var nominal = await nominals.GetAsync(call, nominalId);
        return await runner.RunAsync(call, nominal, new EnquirySpec(agency, operation, document, ground), ask);
    }

    private async Task<(NominalSnapshot Nominal, string PncId)> PncSubjectAsync(CallScope call, string nominalName, string pncId)
    {
        var nominalId = NominalNames.Parse(nominalName, "nominal");
        AgencyIdentifierFields.OptionalPncId(pncId);
        var nominal = await nominals.GetAsync(call, nominalId);
        return (nominal, AgencyIdentifierFields.PncIdFor(pncId, nominal));
    }
}
