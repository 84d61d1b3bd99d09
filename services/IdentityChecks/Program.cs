using OffenderRisk.IdentityChecks;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService("identity-checks");
builder.AddIdentityChecks();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapIdentityChecks();
app.Run();
