using OffenderRisk.Gateway;
using OffenderRisk.ServiceDefaults;

// The single entry point of the suite. Routing is configuration (appsettings.json, ReverseProxy):
// each proto package goes to its service, and the shared audit contract goes to the service named
// by the offenderrisk-audit-log header. The gateway does not validate tokens: it forwards the
// authorization header untouched and each service authenticates and authorizes the call.
var builder = WebApplication.CreateBuilder(args);

builder.AddProcessDefaults("gateway");
builder.AddGatewayOptions();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddGatewayPolicies(builder.Configuration);

var app = builder.Build();

app.UseMiddleware<GrpcProxyErrorMiddleware>();
app.MapGatewayHealthChecks();
app.MapReverseProxy();
app.ReportListeningAddresses();

app.Run();
