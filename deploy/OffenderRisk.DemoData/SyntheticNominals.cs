using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.DemoData;

/// <summary>
/// Obviously fictional people and records: DEMOPERSON family names, NATO-alphabet given names,
/// PNC ids in the stubs' 99/ range (99/8..., which no stub scenario uses), TESTTOWN addresses,
/// and the two passports the HMPO stub finds and marks (990000001, 990000002; deploy/stubs/hmpo).
/// </summary>
public static class SyntheticNominals
{
    private static readonly string[] GivenNames = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima"];

    public static Nominal Nominal(DemoPlan plan, int i) => new()
    {
        PrimaryName = new PersonName
        {
            GivenNames = $"{GivenNames[plan.Pick(i, "given", GivenNames.Length)]} Fictional",
            FamilyName = $"DEMOPERSON-{i:D4}",
        },
        DateOfBirth = new CalendarDate { Year = 1950 + plan.Pick(i, "year", 50), Month = 1 + plan.Pick(i, "month", 12), Day = 1 + plan.Pick(i, "day", 28) },
        Gender = plan.Pick(i, "gender", 10) == 0 ? Gender.Female : Gender.Male,
        PncId = $"99/8{i % 1_000_000:D6}{(char)('A' + plan.Pick(i, "check", 26))}",
        VisorReference = $"DEMO/{i:D4}",
        Category = NominalCategory.RegisteredSexualOffender,
    };

    /// <summary>One sighting, at a fixed fictional time (so that the create is the same on every run).</summary>
    public static Intelligence Intelligence(DemoPlan plan, int i) => new()
    {
        Source = IntelligenceSource.HomeVisit,
        Text = $"Fictional demo intelligence: DEMOPERSON-{i:D4} seen near a test location.",
        ObserveTime = Timestamp.FromDateTime(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc).AddMinutes(plan.Pick(i, "observed", 60 * 24 * 60))),
        Location = $"{1 + plan.Pick(i, "street", 99)} Demo Street, TESTTOWN",
        RiskOfSeriousHarm = i % 10 == 0,
    };

    public static MarkerRequest PassportMarker(string nominal, int i) => new()
    {
        Nominal = nominal,
        Agency = Agency.Hmpo,
        PassportNumber = i % 2 == 0 ? "990000001" : "990000002",
        Ground = EnquiryGround.OverseasTravelOccupation,
    };
}
