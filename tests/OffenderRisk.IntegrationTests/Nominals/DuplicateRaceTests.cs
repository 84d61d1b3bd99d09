using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

[Collection(SuiteCollection.Name)]
public sealed class DuplicateRaceTests(SuiteFixture suite)
{
    [Fact]
    public async Task Concurrent_creates_of_the_same_person_create_one_nominal_and_report_the_rest_as_duplicates()
    {
        var force = TestData.NewForce();
        var person = TestData.Nominal();
        var client = new NominalsService.NominalsServiceClient(suite.Channel);

        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await client.CreateNominalAsync(new CreateNominalRequest { Nominal = person, RequestId = Guid.NewGuid().ToString() }, suite.As(force, "PC-RACE", RoleSets.Mosovo));
                return "created";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return e.ErrorInfo().Reason;
            }
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "created"));
        Assert.All(outcomes.Where(o => o != "created"), o => Assert.Equal("POSSIBLE_DUPLICATES", o));
        var listed = await client.ListNominalsAsync(new ListNominalsRequest(), suite.As(force, "PC-RACE", RoleSets.Mosovo));
        Assert.Single(listed.Nominals);
    }
}
