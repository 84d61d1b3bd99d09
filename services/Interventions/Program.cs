using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Interventions.Nominals;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.Platform.Feeds;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("interventions");
builder.Services.AddSingleton<InterventionStore>();
// The interventions change feed (plans and interventions), which the nominals service follows.
builder.Services.AddSingleton<InterventionFeed>();
// R-AU1 and transfers: the interventions of an erased nominal are erased, those of a transferred one move with it.
builder.Services.AddNominalHoldings<InterventionStore>();
// Risk management plans (R-MG3, R-MG4, R-MG5): erased and moved with their nominal like interventions,
// and on reactive management the current police plan's review date is cleared (R-RM4).
builder.Services.AddSingleton<PlanStore>();
builder.Services.AddNominalHoldings<PlanStore>();
builder.Services.AddSingleton<IFeedHandler<NominalEventType>, PlanReviewOnReactiveHandler>();
builder.AddNominalFeedConsumer("interventions");
// Every intervention names a nominal that exists and that the caller's force may see, asked of the nominals service.
builder.AddNominalLookup();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGrpcService<InterventionsGrpcService>();
app.MapGrpcService<PlansGrpcService>();
app.Run();
