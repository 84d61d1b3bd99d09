using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>R-IC2: credential checks are kept, compared with earlier ones, and discrepancies reach the MOSOVO officer.</summary>
[Collection(SuiteCollection.Name)]
public sealed class CredentialCheckTests(SuiteFixture suite)
{
    [Fact]
    public async Task R_IC2_a_later_check_with_a_new_name_and_passport_reaches_the_officer_as_a_work_item()
    {
        var s = await IdentityScenario.CreateAsync(suite, n => n.PncId = "99/0000001A");
        var first = (await s.Credentials.CheckCredentialsAsync(new CheckCredentialsRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000001", Ground = EnquiryGround.OverseasTravelRegular,
        }, s.AsOfficer)).CredentialCheck;
        Assert.Empty(first.Discrepancies);
        Assert.Equal(NotificationState.NotNeeded, first.NotificationState);
        Assert.Equal([Agency.Pnc, Agency.Hmpo], first.AgencyResults.Select(r => r.Agency));
        Assert.Equal(["990000001", "990000901"], first.PassportNumbers);

        var second = (await s.Credentials.CheckCredentialsAsync(new CheckCredentialsRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000002", Ground = EnquiryGround.OverseasTravelRegular,
        }, s.AsOfficer)).CredentialCheck;
        Assert.Equal(1, second.EarlierChecksCompared);
        Assert.Contains(second.Discrepancies, d => d.Kind == DiscrepancyKind.NewPassportNumber && d.Detail == "990000002");
        Assert.Contains(second.Discrepancies, d => d.Kind == DiscrepancyKind.NewName && d.Detail == "TESTPERSON Bravo");
        // PNC was asked again within the window: its earlier answer was reused (R-IC3).
        Assert.True(second.AgencyResults.Single(r => r.Agency == Agency.Pnc).Deduplicated);

        var item = await WaitForWorkItemAsync(s, second.Name);
        Assert.Equal(WorkItemKind.IdentityDiscrepancy, item.Kind);
        Assert.Equal(NominalScenario.Officer, item.Assignee);
        Assert.Equal("IDENTITY_MULTIPLE_DISCREPANCIES", item.SummaryCode);
        var delivered = (await s.Credentials.GetCredentialCheckAsync(new GetCredentialCheckRequest { Name = second.Name }, s.AsOfficer)).CredentialCheck;
        Assert.Equal((NotificationState.Delivered, item.Name), (delivered.NotificationState, delivered.WorkItem));

        var third = (await s.Credentials.CheckCredentialsAsync(new CheckCredentialsRequest
        {
            Nominal = s.Nominal.Name, PassportNumber = "990000002", Ground = EnquiryGround.OverseasTravelRegular,
        }, s.AsOfficer)).CredentialCheck;
        Assert.Empty(third.Discrepancies);
        Assert.Equal(2, third.EarlierChecksCompared);
    }

    [Fact]
    public async Task R_IC4_a_first_check_shows_PNC_name_changes_the_record_does_not_hold_to_the_officer()
    {
        var s = await IdentityScenario.CreateAsync(suite, n =>
        {
            n.PncId = "99/0000002B";
            n.PrimaryName.GivenNames = "Bravo";
        });
        var check = (await s.Credentials.CheckCredentialsAsync(new CheckCredentialsRequest { Nominal = s.Nominal.Name }, s.AsOfficer)).CredentialCheck;
        Assert.Equal("99/0000002B", check.PncId);
        Assert.Equal(2, check.Discrepancies.Count(d => d.Kind == DiscrepancyKind.PncNameChange));
        Assert.Contains(check.Discrepancies, d => d.Kind == DiscrepancyKind.NewName && d.Detail == "TESTORIGINAL Bravo");
        Assert.Contains("TESTM802022BB9BB", check.DrivingLicenceNumbers);
        var item = await WaitForWorkItemAsync(s, check.Name);
        Assert.Equal("IDENTITY_MULTIPLE_DISCREPANCIES", item.SummaryCode);
    }

    [Fact]
    public async Task R_IC1_a_credential_check_asking_DVLA_or_HMPO_needs_a_ground()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        await RpcAssert.RefusedByRuleAsync("R-IC1", "ground", () => s.Credentials.CheckCredentialsAsync(new CheckCredentialsRequest
        {
            Nominal = s.Nominal.Name, DrivingLicenceNumber = "TESTP801010AA9AA",
        }, s.AsOfficer).ResponseAsync);
        var list = await s.Credentials.ListCredentialChecksAsync(new ListCredentialChecksRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        Assert.Empty(list.CredentialChecks);
    }

    private static async Task<WorkItem> WaitForWorkItemAsync(IdentityScenario s, string reference)
    {
        WorkItem? found = null;
        await IdentityScenario.EventuallyAsync(async () =>
        {
            var queue = await s.Intelligence.ListWorkItemsAsync(new ListWorkItemsRequest { Queue = WorkQueue.Officer }, s.AsOfficer);
            found = queue.WorkItems.FirstOrDefault(w => w.Reference == reference);
            return found is not null;
        }, TimeSpan.FromSeconds(15), "the discrepancy work item in the officer's queue");
        return found!;
    }
}
