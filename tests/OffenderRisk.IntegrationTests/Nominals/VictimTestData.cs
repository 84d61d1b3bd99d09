using Dapper;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Synthetic victims and the calls the victim tests share.</summary>
internal static class VictimTestData
{
    public static Victim Victim(string familyName = "TESTVICTIM", VictimContactWishes wishes = VictimContactWishes.ContactAllowed) => new()
    {
        PersonName = new PersonName { GivenNames = "Vera Fictional", FamilyName = familyName },
        Phone = "01632 960000",
        Email = "vera.testvictim@example.invalid",
        PostalAddress = new VictimPostalAddress { Lines = { "1 Fictional Row", "Testtown" }, Postcode = "ZZ9 9ZZ" },
        RelationshipToOffender = "Former neighbour",
        ContactWishes = wishes,
        AssessmentConsiderations = "Lives two streets from the nominal",
        SafetyMeasures = "Exclusion zone condition requested",
    };

    /// <summary>A nominal of the force, created by its MOSOVO officer.</summary>
    public static async Task<Nominal> NominalAsync(SuiteFixture suite, string force, string familyName = "TESTPERSON")
    {
        var client = new NominalsService.NominalsServiceClient(suite.Channel);
        var nominal = TestData.Nominal(familyName);
        // An adult at every conviction these tests record (from 2005): the periods of R-NT1 and
        // R-NT2 halve for someone under 18 then, which a generated birth year could make them.
        nominal.DateOfBirth = new CalendarDate { Year = 1960, Month = 1, Day = 1 };
        return (await client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(force, "PC-V000", RoleSets.Mosovo))).Nominal;
    }

    public static async Task<Victim> CreateAsync(SuiteFixture suite, string force, Nominal nominal, Victim victim, string user = "VLO-1")
    {
        var client = new VictimsService.VictimsServiceClient(suite.Channel);
        return (await client.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = victim }, suite.As(force, user, RoleSets.VictimLiaison))).Victim;
    }

    /// <summary>
    /// Records a custody conviction, the release and the first notification after it on
    /// <paramref name="firstNotifiedAfterRelease"/>; 36 months makes notification indefinite (R-NT1)
    /// and the review qualifying date 15 years after that notification (R-NT2).
    /// </summary>
    public static Task<Nominal> ReleasedAndNotifiedAsync(SuiteFixture suite, string force, Nominal nominal, int custodyMonths, DateOnly firstNotifiedAfterRelease) =>
        OffenceTestData.ReleasedAndNotifiedAsync(new NominalsService.NominalsServiceClient(suite.Channel), nominal, custodyMonths, firstNotifiedAfterRelease,
            suite.As(force, "PC-V000", RoleSets.Mosovo));

    public static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>The audit entries about anything under a nominal (its victims, their actions, review applications), in order.</summary>
    public static async Task<List<AuditEntryRow>> EntriesUnderAsync(SuiteFixture suite, Nominal nominal)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return (await db.QueryAsync<AuditEntryRow>(
            "SELECT operation, subject, subject_force AS SubjectForce, actor, rpc_method AS RpcMethod FROM audit_log WHERE subject LIKE @prefix ORDER BY sequence",
            new { prefix = nominal.Name + "/%" })).ToList();
    }

    public static async Task<long> CountAsync(SuiteFixture suite, string sql, object parameters)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return await db.ExecuteScalarAsync<long>(sql, parameters);
    }
}

internal sealed class AuditEntryRow
{
    public long Operation { get; set; }
    public string Subject { get; set; } = "";
    public string SubjectForce { get; set; } = "";
    public string Actor { get; set; } = "";
    public string RpcMethod { get; set; } = "";
}
