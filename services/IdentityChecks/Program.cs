using OffenderRisk.IdentityChecks;
using OffenderRisk.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity-checks");
builder.AddIdentityChecks();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityChecks();
app.Run();
