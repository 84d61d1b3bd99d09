using OffenderRisk.Nominals;
using OffenderRisk.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("nominals");
builder.AddNominalsApplication();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapNominalsServices();
app.Run();
