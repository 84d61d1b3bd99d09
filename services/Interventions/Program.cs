using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.Platform.Feeds;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("interventions");
builder.Services.AddSingleton<InterventionStore>();
// R-AU1 and transfers: the interventions of an erased nominal are erased, those of a transferred one move with it.
builder.Services.AddNominalHoldings<InterventionStore>();
builder.AddNominalFeedConsumer("interventions");

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGrpcService<InterventionsGrpcService>();
app.Run();
