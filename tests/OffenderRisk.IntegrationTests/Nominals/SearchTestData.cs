using Dapper;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Fictional people for the search and duplicate tests, and what those tests read back.</summary>
internal static class SearchTestData
{
    public static Nominal Person(
        string givenNames, string familyName, int birthYear = 1980, string pncId = "", string visorReference = "",
        params (string Given, string Family)[] aliases)
    {
        var nominal = new Nominal
        {
            PrimaryName = new PersonName { GivenNames = givenNames, FamilyName = familyName },
            DateOfBirth = new CalendarDate { Year = birthYear, Month = 3, Day = 14 },
            Gender = Gender.Unknown,
            PncId = pncId,
            VisorReference = visorReference,
            Category = NominalCategory.PotentiallyDangerousPerson,
        };
        nominal.Aliases.AddRange(aliases.Select(a => new PersonName { GivenNames = a.Given, FamilyName = a.Family }));
        return nominal;
    }

    public static CalendarDate BornIn(int year) => new() { Year = year, Month = 3, Day = 14 };

    public sealed class AuditView
    {
        public long Operation { get; set; }
        public string RpcMethod { get; set; } = "";
        public string Actor { get; set; } = "";
        public string Subject { get; set; } = "";
        public string SubjectForce { get; set; } = "";
        public string Justification { get; set; } = "";
    }

    /// <summary>The audit entries written for callers of a force, oldest first.</summary>
    public static async Task<List<AuditView>> AuditEntriesAsync(SuiteFixture suite, string force)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return (await db.QueryAsync<AuditView>(
            """
            SELECT operation, rpc_method AS RpcMethod, actor, subject, subject_force AS SubjectForce, justification
            FROM audit_log WHERE actor_force = @force ORDER BY sequence
            """, new { force })).ToList();
    }
}
