using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>Single enquiries through the gateway to the stub agencies: grounds (R-IC1), R-IC4, force scoping, audit.</summary>
[Collection(SuiteCollection.Name)]
public sealed class IdentityEnquiryTests(SuiteFixture suite)
{
    private const string DvlaValidate = "/dvla/v1/driver-licences/validate";
    private const string HmpoLookup = "/hmpo/v1/omnibase/passports/lookup";

    [Fact]
    public async Task R_IC1_a_DVLA_enquiry_without_a_ground_is_refused_and_DVLA_is_not_called()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var before = s.Requests("dvla", DvlaValidate, "TESTP801010AA9AA").Count;
        await RpcAssert.RefusedByRuleAsync("R-IC1", "ground", () => s.Enquiries.ValidateDrivingLicenceAsync(new ValidateDrivingLicenceRequest
        {
            Nominal = s.Nominal.Name, DrivingLicenceNumber = "TESTP801010AA9AA",
        }, s.AsOfficer).ResponseAsync);
        Assert.Equal(before, s.Requests("dvla", DvlaValidate, "TESTP801010AA9AA").Count);
        Assert.Empty(await s.AuditAsync(s.Nominal.Name));
    }

    [Fact]
    public async Task R_IC1_an_HMPO_enquiry_without_a_ground_is_refused_and_HMPO_is_not_called()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var before = s.Requests("hmpo", HmpoLookup, "990000001").Count;
        await RpcAssert.RefusedByRuleAsync("R-IC1", "ground", () => s.Enquiries.LookupPassportAsync(new LookupPassportRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000001",
        }, s.AsOfficer).ResponseAsync);
        Assert.Equal(before, s.Requests("hmpo", HmpoLookup, "990000001").Count);
    }

    [Fact]
    public async Task R_IC1_an_enquiry_on_a_recorded_ground_reaches_HMPO_and_keeps_the_ground()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var response = await s.Enquiries.LookupPassportAsync(new LookupPassportRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000001", Ground = EnquiryGround.OverseasTravelHubAirportOnly,
        }, s.AsOfficer);
        Assert.True(response.Found);
        Assert.Equal("TESTPERSON", response.Passport.HolderName.FamilyName);
        Assert.Equal(["990000901"], response.Passport.PreviousPassportNumbers);
        Assert.False(response.Provenance.Deduplicated);

        await using var db = await s.OpenDatabaseAsync();
        var ground = await db.ExecuteScalarAsync<long>("SELECT ground FROM agency_enquiries WHERE id = @id",
            new { id = response.Provenance.Enquiry["enquiries/".Length..] });
        Assert.Equal((long)EnquiryGround.OverseasTravelHubAirportOnly, ground);
    }

    [Fact]
    public async Task R_IC4_the_PNC_driver_record_links_earlier_records_and_name_changes_and_DVLA_does_not()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var pnc = await s.Enquiries.LookupPncDriverRecordAsync(new LookupPncDriverRecordRequest { Nominal = s.Nominal.Name, PncId = "99/0000002B" }, s.AsOfficer);
        Assert.True(pnc.Found);
        Assert.Equal(["TESTMARRIED", "TESTPERSON"], pnc.DriverRecord.NameChanges.Select(c => c.NewName.FamilyName));
        Assert.Equal(["99/0000011K", "99/0000012L"], pnc.DriverRecord.LinkedRecords.Select(l => l.PncId));

        var dvla = await s.Enquiries.ValidateDrivingLicenceAsync(new ValidateDrivingLicenceRequest
        {
            Nominal = s.Nominal.Name, DrivingLicenceNumber = "TESTP802022BB9BB", Ground = EnquiryGround.PreviousIdentityFraud,
        }, s.AsOfficer);
        Assert.True(dvla.Found);
        Assert.Equal("TESTPERSON", dvla.Licence.HolderName.FamilyName);
        // The licence issued before the name change is simply not found at DVLA.
        var earlier = await s.Enquiries.ValidateDrivingLicenceAsync(new ValidateDrivingLicenceRequest
        {
            Nominal = s.Nominal.Name, DrivingLicenceNumber = "TESTM802022BB9BB", Ground = EnquiryGround.PreviousIdentityFraud,
        }, s.AsOfficer);
        Assert.False(earlier.Found);
    }

    [Fact]
    public async Task A_lookup_without_a_PNC_ID_uses_the_nominals_recorded_one_and_not_found_is_an_answer()
    {
        var pncId = UniqueIds.PncId();
        var s = await IdentityScenario.CreateAsync(suite, n => n.PncId = pncId);
        var response = await s.Enquiries.LookupPncPersonAsync(new LookupPncPersonRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        Assert.False(response.Found);
        Assert.Single(s.Requests("pnc", "/pnc/v1/persons/lookup", pncId));
    }

    [Fact]
    public async Task Another_forces_nominal_is_not_found_and_no_agency_is_called()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var other = TestData.NewForce();
        var before = s.Requests("pnc", "/pnc/v1/persons/lookup", "99/0000007G").Count;
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => s.Enquiries.LookupPncPersonAsync(
            new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = "99/0000007G" }, suite.As(other, "PC-OTHER-1", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => s.Enquiries.LookupPncPersonAsync(
            new LookupPncPersonRequest { Nominal = "nominals/" + Guid.NewGuid(), PncId = "99/0000007G" }, s.AsOfficer).ResponseAsync);
        Assert.Equal(before, s.Requests("pnc", "/pnc/v1/persons/lookup", "99/0000007G").Count);
    }

    [Fact]
    public async Task Only_MOSOVO_officers_supervisors_and_services_make_enquiries()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var request = new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = "99/0000007G" };
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => s.Enquiries.LookupPncPersonAsync(request, suite.As(s.Force, "PC-PLAIN-1", RoleSets.Officer)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => s.Enquiries.LookupPncPersonAsync(request, suite.As(s.Force, "AN-1", RoleSets.Analyst)).ResponseAsync);
        Assert.True((await s.Enquiries.LookupPncPersonAsync(request, suite.As(s.Force, "SGT-1", RoleSets.Supervisor))).Found);
    }

    [Fact]
    public async Task R_AU1_every_agency_call_is_audited_as_a_disclosure_to_the_agency()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        var response = await s.Enquiries.SearchPndIntelligenceAsync(new SearchPndIntelligenceRequest { Nominal = s.Nominal.Name, PncId = "99/0000001A" }, s.AsOfficer);
        Assert.Equal(2, response.Records.Count);
        Assert.Equal(["INTELLIGENCE_REPORT", "DOMESTIC_ABUSE"], response.Records.Select(r => r.RecordType));

        var entries = await s.AuditAsync(s.Nominal.Name);
        var disclosure = Assert.Single(entries, e => e.Operation == (long)AuditOperation.Disclosure);
        Assert.Equal(["agency:pnd"], disclosure.Recipients);
        Assert.Equal(NominalsOfficer, disclosure.Actor);
        Assert.Contains(await s.AuditAsync(response.Provenance.Enquiry), e => e.Operation == (long)AuditOperation.Collection);
    }

    private const string NominalsOfficer = OffenderRisk.IntegrationTests.Nominals.NominalScenario.Officer;
}
