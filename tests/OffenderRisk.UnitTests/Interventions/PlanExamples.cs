using OffenderRisk.Interventions.Domain;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>Fictional plans for the unit tests: a complete police plan, and the nominals it is written for.</summary>
internal static class PlanExamples
{
    public const string Force = "T0001";
    public const string NominalId = "019a0000-0000-7000-8000-0000000000b1";
    public const string Officer = "PC-PLAN-1";
    public const string Supervisor = "SGT-PLAN-1";

    public static readonly DateOnly Today = new(2026, 11, 30);
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = Now.AddHours(2);

    /// <summary>Police lead, managed actively at MAPPA level 1, written by its MOSOVO officer.</summary>
    public static PlanNominal ActiveNominal(int mappaLevel = 1) => new(Officer, PoliceLead: true, Reactive: false, mappaLevel);

    public static PlanNominal ReactiveNominal() => new(Officer, PoliceLead: true, Reactive: true, 1);

    public static PlanContent Content(DateOnly? reviewDate = null) => new(
        "Risk of contact offending against children (synthetic).",
        [new PlanObjective("no-contact", "No unsupervised contact with children."), new PlanObjective("stable-home", "A stable, verified address.")],
        [
            new PlanAction("visits", ActionHeading.MonitoringAndControl, "Monthly unannounced home visits.", Officer, Today.AddDays(30), ["no-contact", "stable-home"]),
            new PlanAction("victim-warning", ActionHeading.VictimSafetyPlanning, "Agree safety measures with the school.", "probation-offender-manager",
                Today.AddDays(14), ["no-contact"]),
        ],
        "The school near the address is told of the arrangements (synthetic).",
        VictimsIdentified: true,
        reviewDate ?? Today.AddMonths(6));

    public static PlanRecord Draft(PlanContent? content = null, PlanRecord? revised = null, string author = Officer) =>
        PlanLifecycle.Draft(NominalId, PlanKind.Police, content ?? Content(), revised, Force, author, Now);

    /// <summary>A version written, submitted and countersigned by the supervisor.</summary>
    public static PlanRecord Countersigned(PlanContent? content = null, PlanRecord? revised = null) =>
        PlanLifecycle.Countersign(PlanLifecycle.Submit(Draft(content, revised), Officer, Now), Supervisor, Later);
}
