using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("nominals");
builder.Services.AddSingleton<NominalStore>();
builder.Services.AddSingleton<VictimStore>();
builder.Services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<VictimStore>());
builder.Services.AddSingleton<ChangeFeed>();
builder.Services.AddSingleton<TransferStore>();
builder.Services.AddSingleton<IntelligenceStore>();
builder.Services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<IntelligenceStore>());
builder.Services.AddSingleton<WorkItemStore>();
builder.Services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<WorkItemStore>());
builder.Services.AddNominalSearch();
builder.Services.AddSingleton(sp => CalendarSettings.Create(builder.Configuration));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<NominalsGrpcService>();
app.MapGrpcService<IntelligenceGrpcService>();
app.MapGrpcService<VictimsGrpcService>();
app.Run();
