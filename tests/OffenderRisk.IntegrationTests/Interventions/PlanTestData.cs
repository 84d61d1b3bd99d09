using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.IntegrationTests.Interventions;

/// <summary>A fictional, complete risk management plan (R-MG4, R-VI1) and the dates around it.</summary>
public static class PlanTestData
{
    private static readonly TimeZoneInfo EnglandAndWales = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Today in England and Wales, as the service counts it.</summary>
    public static DateOnly TodayDate() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, EnglandAndWales).DateTime);

    public static CalendarDate Today() => Date(TodayDate());

    public static CalendarDate InDays(int days) => Date(TodayDate().AddDays(days));

    public static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static Plan PolicePlan(string nominal, PlanKind kind = PlanKind.Police) => new()
    {
        Nominal = nominal,
        Kind = kind,
        Summary = "Risk of contact offending against children (synthetic).",
        Objectives =
        {
            new PlanObjective { Id = "no-contact", Outcome = "No unsupervised contact with children." },
            new PlanObjective { Id = "stable-home", Outcome = "A stable, verified address." },
        },
        Actions =
        {
            new PlanAction
            {
                Id = "visits", Heading = ActionHeading.MonitoringAndControl, Description = "Monthly unannounced home visits.",
                Owner = "PC-MOSOVO-1", DueDate = InDays(30), Objectives = { "no-contact", "stable-home" },
            },
            new PlanAction
            {
                Id = "victim-warning", Heading = ActionHeading.VictimSafetyPlanning, Description = "Agree safety measures with the school.",
                Owner = "probation-offender-manager", DueDate = InDays(14), Objectives = { "no-contact" },
            },
        },
        VictimSafety = "The school near the address is told of the arrangements (synthetic).",
        VictimsIdentified = true,
        ReviewDate = InDays(180),
    };
}
