using OffenderRisk.Nominals;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("nominals");
builder.AddNominalsApplication();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNominalsServices();
app.Run();
