using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Interventions;
using OffenderRisk.Testing;

namespace OffenderRisk.IntegrationTests.Assessments;

/// <summary>
/// The nominal an assessment or intervention names is asked of the nominals service while the
/// caller waits: when that service cannot answer, the request is UNAVAILABLE (retry) and nothing is
/// written, rather than a record naming a nominal no one confirmed.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class NominalCheckTests(SuiteFixture suite)
{
    [Fact]
    public async Task With_the_nominals_service_unreachable_creating_or_listing_is_unavailable_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var assessments = new AssessmentsService.AssessmentsServiceClient(suite.Channel);
        var officer = suite.As(force, "PC-9001", RoleSets.Mosovo);

        // The assessments service restarted pointing at a port nothing listens on.
        await suite.RestartServiceAsync("assessments", new Dictionary<string, string> { ["Services__Nominals"] = $"http://127.0.0.1:{FreePort.Next()}" });
        try
        {
            var create = await RpcAssert.FailsAsync(StatusCode.Unavailable,
                () => assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, officer).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.Unavailable,
                () => assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, suite.As(force, "AN-9002", RoleSets.Analyst)).ResponseAsync);

            Assert.Equal("DEPENDENCY_UNAVAILABLE", create.ErrorInfo().Reason);
            Assert.DoesNotContain(nominal, create.Status.Detail, StringComparison.Ordinal);
            await using var db = await suite.Storage.OpenAsync("assessments");
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessments WHERE force_code = @force", new { force }));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", new { force }));
        }
        finally
        {
            await suite.RestartServiceAsync("assessments");
        }

        // Once the nominals service answers again, the same request is accepted (with a fresh deadline: two restarts have passed).
        var created = (await assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) },
            suite.As(force, "PC-9001", RoleSets.Mosovo))).Assessment;
        Assert.Equal(nominal, created.Nominal);
    }

    [Fact]
    public async Task The_owning_force_creates_and_lists_under_its_own_nominal_in_both_services()
    {
        var force = TestData.NewForce();
        var nominal = await AssessmentTestData.NominalOfAsync(suite, force);
        var assessments = new AssessmentsService.AssessmentsServiceClient(suite.Channel);
        var interventions = new InterventionsService.InterventionsServiceClient(suite.Channel);
        var officer = suite.As(force, "PC-9101", RoleSets.Mosovo);

        var assessment = (await assessments.CreateAssessmentAsync(new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(nominal) }, officer)).Assessment;
        var intervention = (await interventions.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) }, officer)).Intervention;

        Assert.Equal([assessment.Name], (await assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Nominal = nominal }, officer)).Assessments.Select(a => a.Name));
        Assert.Equal([intervention.Name], (await interventions.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal }, officer)).Interventions.Select(i => i.Name));
    }
}
