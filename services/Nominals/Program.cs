using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("nominals");
builder.Services.AddSingleton<NominalStore>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<NominalsGrpcService>();
app.Run();
