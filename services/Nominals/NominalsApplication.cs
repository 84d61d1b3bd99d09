using OffenderRisk.Nominals.Assessments;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Interventions;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Nominals.Victims;

namespace OffenderRisk.Nominals;

/// <summary>The nominals service's own registrations: its stores, the feed, search and the calendar.</summary>
public static class NominalsApplication
{
    public static IHostApplicationBuilder AddNominalsApplication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<NominalStore>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<NominalChangeWriter>();
        services.AddSingleton<ObligationLedger>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<ObligationLedger>());
        services.AddHostedService<ObligationSweep>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<TeamStore>();
        services.AddSingleton(CalendarSettings.Create(builder.Configuration));
        // Operator-tuned periods (R-AS5), defaults from the rulebook: see NominalRules.
        services.AddOptions<NominalRules>().Bind(builder.Configuration.GetSection(NominalRules.Section))
            .Validate(r => r.Problem() is null, "Rules settings are out of range (see NominalRules).")
            .ValidateOnStart();
        services.AddSingleton<ArmsSchedule>();
        services.AddSingleton<MappaReviewSchedule>();
        // Home visits (R-AS9, R-MG7, R-RM5) and the duties of active management (R-MG3, R-MR4).
        services.AddSingleton<ManagedObligationSchedule>();
        services.AddSingleton<HomeVisitStore>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<HomeVisitStore>());
        builder.AddAcuteFactorRecords();
        // Countersigned assessments from the assessments feed (Services:Assessments): current level, reviews (R-AS7).
        builder.AddCountersignedAssessments();
        // Plans, plan actions and breaches from the interventions feed (Services:Interventions): obligations, work items (R-MG3 to R-MG5, R-MG10).
        builder.AddInterventionEvents();
        services.AddNominalSearch();

        // Everything kept about a nominal takes part in its erasure (R-AU1).
        services.AddSingleton<IntelligenceStore>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<IntelligenceStore>());
        services.AddSingleton<WorkItemStore>();
        services.AddSingleton<IntelligenceRecorder>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<WorkItemStore>());
        services.AddSingleton<ReactiveDecisionStore>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<ReactiveDecisionStore>());
        // The victim compartment: its own tables and store, only ever used by VictimsGrpcService (R-VI2).
        services.AddVictimCompartment();
        return builder;
    }

    public static WebApplication MapNominalsServices(this WebApplication app)
    {
        app.MapGrpcService<NominalsGrpcService>();
        app.MapGrpcService<IntelligenceGrpcService>();
        app.MapGrpcService<ObligationsGrpcService>();
        app.MapGrpcService<TeamsGrpcService>();
        app.MapGrpcService<HomeVisitsGrpcService>();
        app.MapGrpcService<ReactiveManagementGrpcService>();
        app.MapVictimsService();
        return app;
    }
}
