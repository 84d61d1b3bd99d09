using OffenderRisk.Client;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.DemoData;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Demo;

/// <summary>deploy/OffenderRisk.DemoData against the test suite, through the gateway with the client package.</summary>
[Collection(SuiteCollection.Name)]
public class DemoDataTests(SuiteFixture suite)
{
    [Fact]
    public async Task Demo_data_makes_managed_nominals_in_three_forces_with_their_records_and_markers_delivered_and_a_rerun_makes_nothing_new()
    {
        var plan = new DemoPlan("it-" + Guid.NewGuid().ToString("N")[..8], Count: 9, Forces: [TestData.NewForce(), TestData.NewForce(), TestData.NewForce()]);
        using var client = OffenderRiskClient.Create(new OffenderRiskClientOptions { Address = suite.Gateway.Address });
        var seeder = new DemoSeeder(client, (force, user, roles) => suite.As(force, user, roles).Credentials!,
            await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy/examples/arms-assessment.json")));

        var first = await seeder.RunAsync(plan, concurrency: 4, CancellationToken.None);

        Assert.Empty(first.Failures);
        Assert.Equal(plan.Forces.ToDictionary(f => f, _ => 3), first.NominalsByForce.ToDictionary(f => f.Key, f => f.Value));
        Assert.Equal((9, 9, 9), (first.OfficersAssigned, first.Activated, first.MappaSet));
        Assert.Equal((9, 5, 3), (first.Intelligence, first.Assessments, first.MarkerRequests));

        for (var f = 0; f < 3; f++)
        {
            var asOfficer = suite.As(plan.Forces[f], "PC-DEMO-1", RoleSets.Mosovo);
            var nominals = (await client.Nominals.ListNominalsAsync(new ListNominalsRequest { PageSize = 50 }, asOfficer)).Nominals;
            Assert.Equal(3, nominals.Count);
            Assert.All(nominals, n =>
            {
                Assert.Equal(ManagementStatus.Active, n.ManagementStatus);
                Assert.StartsWith("PC-DEMO-", n.MosovoOfficer, StringComparison.Ordinal);
                Assert.InRange(n.Mappa.Level, 1, 3);
                Assert.StartsWith("DEMOPERSON-", n.PrimaryName.FamilyName, StringComparison.Ordinal);
            });
            foreach (var n in nominals)
            {
                Assert.Single((await client.Intelligence.ListIntelligenceAsync(new ListIntelligenceRequest { Parent = n.Name }, asOfficer)).Intelligence);
            }
            var assessments = await Task.WhenAll(nominals.Select(async n => (await client.Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = n.Name }, asOfficer)).Assessments.Count));
            var markers = await Task.WhenAll(nominals.Select(async n => (await client.MarkerRequests.ListMarkerRequestsAsync(new ListMarkerRequestsRequest { Nominal = n.Name }, asOfficer)).MarkerRequests.Count));
            // Nominals f, f+3, f+6 of the plan: ARMS drafts for the even ones, marker requests for multiples of 3.
            Assert.Equal(Enumerable.Range(0, 3).Count(k => DemoPlan.HasAssessment(f + (3 * k))), assessments.Sum());
            Assert.Equal(Enumerable.Range(0, 3).Count(k => DemoPlan.HasMarkerRequest(f + (3 * k))), markers.Sum());
        }

        // The marker requests reach the HMPO stub through identity-checks' outbox, after the creates returned.
        var markerNominals = plan.Forces.Select(f => suite.As(f, "PC-DEMO-1", RoleSets.Mosovo)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<MarkerRequest> all;
        do
        {
            all = [];
            foreach (var asOfficer in markerNominals)
            {
                foreach (var n in (await client.Nominals.ListNominalsAsync(new ListNominalsRequest { PageSize = 50 }, asOfficer)).Nominals)
                {
                    all.AddRange((await client.MarkerRequests.ListMarkerRequestsAsync(new ListMarkerRequestsRequest { Nominal = n.Name }, asOfficer)).MarkerRequests);
                }
            }
            if (all.All(m => m.State == MarkerRequestState.Delivered))
            {
                break;
            }
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(3, all.Count);
        Assert.All(all, m => Assert.Equal(MarkerRequestState.Delivered, m.State));

        var again = await seeder.RunAsync(plan, concurrency: 4, CancellationToken.None);

        Assert.Empty(again.Failures);
        Assert.Equal((0, 0, 0), (again.OfficersAssigned, again.Activated, again.MappaSet));
        foreach (var force in plan.Forces)
        {
            var asOfficer = suite.As(force, "PC-DEMO-1", RoleSets.Mosovo);
            var nominals = (await client.Nominals.ListNominalsAsync(new ListNominalsRequest { PageSize = 50 }, asOfficer)).Nominals;
            Assert.Equal(3, nominals.Count);
            foreach (var n in nominals)
            {
                Assert.Single((await client.Intelligence.ListIntelligenceAsync(new ListIntelligenceRequest { Parent = n.Name }, asOfficer)).Intelligence);
            }
        }
    }
}
