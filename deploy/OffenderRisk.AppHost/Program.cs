using OffenderRisk.AppHost;

// The whole suite on one machine, as processes: `dotnet run --project deploy/OffenderRisk.AppHost`.
var builder = DistributedApplication.CreateBuilder(args);

// All SQLite files in one gitignored folder at the repo root (AppHost:DataDirectory).
var dataDirectory = Path.GetFullPath(builder.Configuration["AppHost:DataDirectory"] ?? "../../.data", builder.AppHostDirectory);
Directory.CreateDirectory(dataDirectory);

// The nominals service follows the assessments change feed (countersigned assessments: the current
// level, ARMS obligations, reviews). It does not wait for assessments (which waits for it): the
// feed consumer retries until the assessments service answers.
var nominals = builder.AddHttp2Project<Projects.OffenderRisk_Nominals>("nominals", SuitePorts.Nominals)
    .WithSqliteIn(dataDirectory)
    .WithAssessmentsFeed();

// Assessments, interventions and identity checks follow the nominals change feed: what they keep
// about a nominal is erased with it (R-AU1) and moves with it on a transfer.
var assessments = builder.AddHttp2Project<Projects.OffenderRisk_Assessments>("assessments", SuitePorts.Assessments)
    .WithSqliteIn(dataDirectory)
    .WithNominalsService(nominals);

var interventions = builder.AddHttp2Project<Projects.OffenderRisk_Interventions>("interventions", SuitePorts.Interventions)
    .WithSqliteIn(dataDirectory)
    .WithNominalsService(nominals);

var agencyStubs = builder.AddAgencyStubs<Projects.OffenderRisk_AgencyStubs>("agency-stubs");

var identityChecks = builder.AddHttp2Project<Projects.OffenderRisk_IdentityChecks>("identity-checks", SuitePorts.IdentityChecks)
    .WithSqliteIn(dataDirectory)
    .WithAgencyStubAddresses(agencyStubs)
    .WithNominalsService(nominals);

// The only entry point. Its clusters are pointed at the services here; its routes are its own
// configuration.
var gateway = builder.AddHttp2Project<Projects.OffenderRisk_Gateway>("gateway", SuitePorts.Gateway)
    .WithCluster("nominals", nominals, SuitePorts.Nominals)
    .WithCluster("assessments", assessments, SuitePorts.Assessments)
    .WithCluster("interventions", interventions, SuitePorts.Interventions)
    .WithCluster("identity-checks", identityChecks, SuitePorts.IdentityChecks)
    .WithEnvironment("Gateway__HttpListenUrls", SuitePorts.Loopback(SuitePorts.GatewayHttp).ToString().TrimEnd('/'));

var gatewayUrl = SuitePorts.Loopback(SuitePorts.Gateway).ToString().TrimEnd('/');
var dashboardUrl = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(ASPNETCORE_URLS is not set)";

builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
{
    var logger = SuiteLog.For(e.Services);
    SuiteLog.Starting(logger, gatewayUrl, dashboardUrl, dataDirectory);
    return Task.CompletedTask;
});
builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) =>
{
    var logger = SuiteLog.For(e.Services);
    SuiteLog.Ready(logger, gatewayUrl, dashboardUrl);
    return Task.CompletedTask;
});

builder.Build().Run();
