using OffenderRisk.Nominals;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("nominals");
builder.AddNominalsApplication();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapNominalsServices();
app.Run();
