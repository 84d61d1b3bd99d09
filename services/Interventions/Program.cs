using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Interventions.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("interventions");
builder.Services.AddSingleton<InterventionStore>();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGrpcService<InterventionsGrpcService>();
app.Run();
