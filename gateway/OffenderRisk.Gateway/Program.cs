using OffenderRisk.Gateway;
using OffenderRisk.ServiceDefaults;

// The single entry point of the suite. Routing is configuration (appsettings.json, ReverseProxy):
// each proto package goes to its service, and the shared audit contract goes to the service named
// by the offenderrisk-audit-log header. The gateway validates tokens with the services' own JWT
// setup and refuses a call without a valid one before forwarding it, rate limits callers, caps
// connections and enforces deadlines; it forwards the authorization header untouched, and each
// service authenticates and authorizes the call again. It answers server reflection (with a token)
// and grpc.health.v1 (without) itself, from the compiled contracts and its view of the services.
var builder = WebApplication.CreateBuilder(args);

builder.AddProcessDefaults("gateway");
builder.AddGatewayOptions();
builder.AddGatewayEdge();
builder.AddGatewayGrpcServices();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddGatewayPolicies(builder.Configuration);

var app = builder.Build();

// Before the edge: static pages, Development only (the edge's fallback policy would ask them for a token).
app.UseSwaggerUiInDevelopment();
app.UseGatewayEdge();
app.MapGatewayGrpcServices();
app.MapGatewayHealthChecks();
app.MapOpenApiDocument();
app.MapReverseProxy().RequireAuthorization();
app.ReportListeningAddresses();

app.Run();
