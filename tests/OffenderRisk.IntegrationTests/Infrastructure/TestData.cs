using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>
/// Synthetic, obviously fictional people and forces. Each test uses its own force code so that
/// tests sharing the suite never see each other's records.
/// </summary>
public static class TestData
{
    private static int _counter;

    /// <summary>A force code no other test uses, e.g. "T0001".</summary>
    public static string NewForce() => "T" + Interlocked.Increment(ref _counter).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static int _person;

    /// <summary>
    /// A fictional nominal. Each call gets its own PNC id (in the 99/9xxxxxx range the agency stubs
    /// do not use) and date of birth, so that two of them are never likely duplicates.
    /// </summary>
    public static Nominal Nominal(string familyName = "TESTPERSON", string givenNames = "Alpha Fictional")
    {
        var n = Interlocked.Increment(ref _person);
        return new Nominal
        {
            PrimaryName = new PersonName { GivenNames = givenNames, FamilyName = familyName },
            Aliases = { new PersonName { GivenNames = "Al", FamilyName = familyName + "-ALIAS" } },
            DateOfBirth = new CalendarDate { Year = 1950 + (n % 50), Month = 1 + (n % 12), Day = 1 + (n % 28) },
            Gender = Gender.Male,
            PncId = $"99/9{n % 1_000_000:D6}{(char)('A' + (n % 26))}",
            VisorReference = "TEST/0001",
            Category = NominalCategory.RegisteredSexualOffender,
        };
    }
}

public static class RoleSets
{
    public static readonly string[] Mosovo = ["mosovo-officer"];
    public static readonly string[] Officer = ["officer"];
    public static readonly string[] Analyst = ["analyst"];
    public static readonly string[] Supervisor = ["supervisor"];
    public static readonly string[] Auditor = ["auditor"];
    public static readonly string[] VictimLiaison = ["victim-liaison"];
    public static readonly string[] None = [];
}
