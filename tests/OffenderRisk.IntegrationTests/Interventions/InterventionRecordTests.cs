using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>Interventions through the gateway: R-MG8, R-MG9, force scoping, idempotency and audit.</summary>
[Collection(SuiteCollection.Name)]
public sealed class InterventionRecordTests(SuiteFixture suite)
{
    private InterventionsService.InterventionsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task R_MG9_a_created_intervention_is_typed_from_its_kind_and_reads_back()
    {
        var force = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, force);

        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(force, "PC-5001", RoleSets.Mosovo))).Intervention;
        var read = (await Client.GetInterventionAsync(new GetInterventionRequest { Name = created.Name }, suite.As(force, "AN-5002", RoleSets.Analyst))).Intervention;

        Assert.StartsWith("interventions/", created.Name, StringComparison.Ordinal);
        Assert.Equal(nominal, read.Nominal);
        Assert.Equal(force, read.ForceCode);
        Assert.Equal("PC-5001", read.Author);
        Assert.Equal(InterventionType.Both, read.Type);
        Assert.NotEmpty(read.Etag);
        Assert.Equal(created, read);
    }

    [Theory]
    [InlineData("objective")]
    [InlineData("enforcement")]
    [InlineData("suitability")]
    [InlineData("lawfulness_and_proportionality")]
    [InlineData("echr_articles_considered")]
    [InlineData("negative_consequences")]
    public async Task R_MG8_a_missing_part_of_the_analysis_is_refused_and_nothing_is_written(string field)
    {
        var force = TestData.NewForce();
        var intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force));
        switch (field)
        {
            case "objective": intervention.Objective = ""; break;
            case "enforcement": intervention.Enforcement = ""; break;
            case "suitability": intervention.Suitability = ""; break;
            case "lawfulness_and_proportionality": intervention.LawfulnessAndProportionality = ""; break;
            case "echr_articles_considered": intervention.EchrArticlesConsidered.Remove(EchrArticle.ProhibitionOfTorture); break;
            case "negative_consequences": intervention.NegativeConsequences = ""; break;
        }

        var e = await RpcAssert.RefusedByRuleAsync("R-MG8", "intervention." + field,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = intervention }, suite.As(force, "PC-5101", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("interventions.offenderrisk", e.ErrorInfo().Domain);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM interventions WHERE force_code = @force", force));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", force));
    }

    [Fact]
    public async Task R_MG9_a_type_that_contradicts_the_kind_is_refused()
    {
        var force = TestData.NewForce();
        var intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force));
        intervention.Kind = InterventionKind.AccreditedProgramme;
        intervention.Type = InterventionType.Restrictive;

        await RpcAssert.RefusedByRuleAsync("R-MG9", "intervention.type",
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = intervention }, suite.As(force, "PC-5201", RoleSets.Mosovo)).ResponseAsync);
    }

    [Fact]
    public async Task Text_over_4000_characters_is_invalid_argument_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force));
        intervention.NegativeConsequences = new string('x', 4001);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = intervention }, suite.As(force, "PC-5301", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(["intervention.negative_consequences"], e.ViolatedFields());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM interventions WHERE force_code = @force", force));
    }

    [Fact]
    public async Task Force_scoping_another_forces_intervention_is_not_found_like_a_missing_one()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, owner);
        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(owner, "PC-5401", RoleSets.Mosovo))).Intervention;

        var get = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetInterventionAsync(new GetInterventionRequest { Name = created.Name }, suite.As(other, "SGT-5402", RoleSets.Supervisor)).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetInterventionAsync(new GetInterventionRequest { Name = "interventions/" + Guid.NewGuid() }, suite.As(other, "SGT-5402", RoleSets.Supervisor)).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, get.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Another_forces_nominal_is_not_found_to_create_or_list_under_and_nothing_is_written()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, owner);
        var own = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(owner, "PC-5451", RoleSets.Mosovo))).Intervention;

        var create = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) }, suite.As(other, "PC-5452", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal }, suite.As(other, "SGT-5453", RoleSets.Supervisor)).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(InterventionTestData.MissingNominal()) },
                suite.As(other, "PC-5452", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, create.ErrorInfo().Reason);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM interventions WHERE force_code = @force", other));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", other));
        var listed = await Client.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal }, suite.As(owner, "SGT-5454", RoleSets.Supervisor));
        Assert.Equal([own.Name], listed.Interventions.Select(i => i.Name));
    }

    [Fact]
    public async Task A_nominal_that_does_not_exist_is_not_found_to_create_or_list_under_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var nominal = InterventionTestData.MissingNominal();

        var create = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
                suite.As(force, "PC-5461", RoleSets.Mosovo)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal }, suite.As(force, "AN-5462", RoleSets.Analyst)).ResponseAsync);

        Assert.Contains(nominal, create.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM interventions WHERE force_code = @force", force));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE actor_force = @force", force));
    }

    [Fact]
    public async Task A_nominals_list_pages_newest_first_without_repeats_or_other_nominals()
    {
        var force = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, force);
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
                suite.As(force, "PC-5501", RoleSets.Mosovo))).Intervention.Name);
        }
        await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force)) },
            suite.As(force, "PC-5501", RoleSets.Mosovo));

        var listed = new List<Intervention>();
        var token = "";
        do
        {
            var page = await Client.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal, PageSize = 2, PageToken = token },
                suite.As(force, "AN-5502", RoleSets.Analyst));
            listed.AddRange(page.Interventions);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(names.AsEnumerable().Reverse(), listed.Select(i => i.Name));
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_same_intervention_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var request = new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(await InterventionTestData.NominalOfAsync(suite, force)), RequestId = Guid.NewGuid().ToString() };

        var first = await Client.CreateInterventionAsync(request, suite.As(force, "PC-5601", RoleSets.Mosovo));
        var second = await Client.CreateInterventionAsync(request, suite.As(force, "PC-5601", RoleSets.Mosovo));

        Assert.Equal(first.Intervention, second.Intervention);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM interventions WHERE force_code = @force", force));
    }

    [Fact]
    public async Task R_AU1_create_read_and_list_each_write_one_entry()
    {
        var force = TestData.NewForce();
        var nominal = await InterventionTestData.NominalOfAsync(suite, force);
        var created = (await Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(nominal) },
            suite.As(force, "PC-5701", RoleSets.Mosovo, justification: "RMP review"))).Intervention;
        await Client.GetInterventionAsync(new GetInterventionRequest { Name = created.Name }, suite.As(force, "AN-5702", RoleSets.Analyst));
        await Client.ListInterventionsAsync(new ListInterventionsRequest { Nominal = nominal }, suite.As(force, "AN-5702", RoleSets.Analyst));

        await using var db = await suite.Storage.OpenAsync("interventions");
        var entries = (await db.QueryAsync<AuditRowView>(
            "SELECT operation, actor, subject, justification FROM audit_log WHERE actor_force = @force ORDER BY sequence", new { force })).ToList();

        Assert.Equal(
            [
                (AuditOperation.Collection, "PC-5701", created.Name, "RMP review"),
                (AuditOperation.Consultation, "AN-5702", created.Name, ""),
                (AuditOperation.Consultation, "AN-5702", nominal, ""),
            ],
            entries.Select(e => ((AuditOperation)e.Operation, e.Actor, e.Subject, e.Justification)));
    }

    [Fact]
    public async Task The_wrong_role_is_permission_denied()
    {
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CreateInterventionAsync(new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(InterventionTestData.MissingNominal()) },
                suite.As(TestData.NewForce(), "AN-5801", RoleSets.Analyst)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.GetInterventionAsync(new GetInterventionRequest { Name = "interventions/" + Guid.NewGuid() },
                suite.As(TestData.NewForce(), "VL-5802", RoleSets.VictimLiaison)).ResponseAsync);
    }

    private async Task<long> CountAsync(string sql, string force)
    {
        await using var db = await suite.Storage.OpenAsync("interventions");
        return await db.ExecuteScalarAsync<long>(sql, new { force });
    }

    public sealed class AuditRowView
    {
        public long Operation { get; set; }
        public string Actor { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Justification { get; set; } = "";
    }
}
