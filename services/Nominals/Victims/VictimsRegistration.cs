namespace OffenderRisk.Nominals.Victims;

/// <summary>The victim compartment's registrations (R-VI2): its store is seen by the rest of the service only as an erasure participant.</summary>
public static class VictimsRegistration
{
    public static IServiceCollection AddVictimCompartment(this IServiceCollection services)
    {
        services.AddSingleton<VictimStore>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<VictimStore>());
        return services;
    }

    public static WebApplication MapVictimsService(this WebApplication app)
    {
        app.MapGrpcService<VictimsGrpcService>();
        return app;
    }
}
