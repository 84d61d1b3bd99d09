using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Interventions.Storage;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("interventions");
builder.Services.AddSingleton<InterventionStore>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<InterventionsGrpcService>();
app.Run();
