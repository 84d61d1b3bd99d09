using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// R-VI1 with R-VI2: an assessor (MOSOVO officer or supervisor) sees what the assessment needs of
/// a nominal's victims (relationship, contact wishes, assessment considerations) and never how to
/// reach them; the rest of the compartment stays the victim liaison officer's.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class VictimSummaryTests(SuiteFixture suite)
{
    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);

    [Fact]
    public async Task R_VI1_the_summary_shows_each_victims_wishes_and_considerations_newest_first_and_no_contact_detail()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var first = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim("TESTVICTIM-ONE"));
        var noContact = VictimTestData.Victim("TESTVICTIM-TWO", VictimContactWishes.NoContact);
        noContact.RelationshipToOffender = "Former partner";
        noContact.AssessmentConsiderations = "Moved away; asked for no contact of any kind";
        noContact.PreferredChannel = VictimContactChannel.Unspecified;
        var second = await VictimTestData.CreateAsync(suite, force, nominal, noContact);

        var summary = await Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(force, "PC-V500", RoleSets.Mosovo));

        Assert.False(summary.Truncated);
        Assert.Equal(
            [
                new VictimSummary { Name = second.Name, RelationshipToOffender = "Former partner", ContactWishes = VictimContactWishes.NoContact, AssessmentConsiderations = "Moved away; asked for no contact of any kind" },
                new VictimSummary { Name = first.Name, RelationshipToOffender = "Former neighbour", ContactWishes = VictimContactWishes.ContactAllowed, AssessmentConsiderations = "Lives two streets from the nominal" },
            ],
            summary.Victims);
        // The victims have names, phones, emails and addresses; none of it is in the answer, in any field.
        var answer = summary.ToByteArray();
        foreach (var detail in new[] { "Vera", "TESTVICTIM", "01632 960000", "vera.testvictim@example.invalid", "Fictional Row", "Testtown", "ZZ9 9ZZ", "Exclusion zone" })
        {
            Assert.Equal(-1, answer.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(detail)));
        }
        Assert.Equal(["assessment_considerations", "contact_wishes", "name", "relationship_to_offender"],
            VictimSummary.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task R_VI2_the_summary_is_audited_as_one_consultation_of_the_nominals_victims()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim("TESTVICTIM-ONE"));
        await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim("TESTVICTIM-TWO"));
        var before = await VictimTestData.EntriesUnderAsync(suite, nominal);

        await Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(force, "SGT-V510", RoleSets.Supervisor));

        var added = Assert.Single((await VictimTestData.EntriesUnderAsync(suite, nominal)).Skip(before.Count));
        Assert.Equal(((long)AuditOperation.Consultation, nominal.Name + "/victims", force, "SGT-V510", "/offenderrisk.nominals.v1.VictimsService/SummariseVictims"),
            (added.Operation, added.Subject, added.SubjectForce, added.Actor, added.RpcMethod));
    }

    [Fact]
    public async Task R_VI1_a_nominal_with_no_victims_has_an_empty_summary()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);

        var summary = await Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(force, "PC-V520", RoleSets.Mosovo));

        Assert.Empty(summary.Victims);
        Assert.False(summary.Truncated);
    }

    [Fact]
    public async Task R_VI1_more_than_200_victims_are_summarised_as_the_newest_200_and_truncated()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var names = new List<string>();
        for (var i = 0; i < 201; i++)
        {
            names.Add((await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim($"TESTVICTIM-{i}"))).Name);
        }

        var summary = await Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(force, "PC-V530", RoleSets.Mosovo));

        Assert.True(summary.Truncated);
        Assert.Equal(names.AsEnumerable().Reverse().Take(200), summary.Victims.Select(v => v.Name));
    }

    [Fact]
    public async Task Another_forces_nominal_has_no_summary_as_for_a_missing_one_and_nothing_is_audited_under_it()
    {
        var owner = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, owner);
        await VictimTestData.CreateAsync(suite, owner, nominal, VictimTestData.Victim());
        var before = await VictimTestData.EntriesUnderAsync(suite, nominal);

        var other = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(TestData.NewForce(), "PC-V540", RoleSets.Mosovo)).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = "nominals/" + Guid.CreateVersion7() }, suite.As(owner, "PC-V541", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal(missing.ErrorInfo().Reason, other.ErrorInfo().Reason);
        Assert.Equal(before.Count, (await VictimTestData.EntriesUnderAsync(suite, nominal)).Count);
    }

    public static TheoryData<string> RolesWithoutTheSummary()
    {
        var roles = new TheoryData<string>();
        foreach (var role in ServiceDefaults.Security.Roles.All.Where(r => r is not "mosovo-officer" and not "supervisor"))
        {
            roles.Add(role);
        }
        return roles;
    }

    [Theory]
    [MemberData(nameof(RolesWithoutTheSummary))]
    public async Task R_VI1_only_mosovo_officers_and_supervisors_summarise_a_nominals_victims(string role)
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, suite.As(force, "X-V550", [role])).ResponseAsync);
    }

    [Fact]
    public async Task R_VI2_a_mosovo_officer_or_supervisor_who_may_summarise_still_cannot_read_or_list_the_victims_contact_details()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim());
        var before = await VictimTestData.EntriesUnderAsync(suite, nominal);

        foreach (var roles in new[] { RoleSets.Mosovo, RoleSets.Supervisor, (string[])["mosovo-officer", "supervisor"] })
        {
            var assessor = suite.As(force, "PC-V560", roles);
            await Victims.SummariseVictimsAsync(new SummariseVictimsRequest { Parent = nominal.Name }, assessor);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Victims.GetVictimAsync(new GetVictimRequest { Name = victim.Name }, assessor).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, assessor).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = victim.Name }, assessor).ResponseAsync);
        }
        // Only the three summaries were logged: the refused reads reached nothing.
        Assert.Equal(before.Count + 3, (await VictimTestData.EntriesUnderAsync(suite, nominal)).Count);
    }
}
