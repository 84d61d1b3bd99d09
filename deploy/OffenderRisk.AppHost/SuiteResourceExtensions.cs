using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace OffenderRisk.AppHost;

/// <summary>How every OffenderRisk process is started by the AppHost, written once.</summary>
public static class SuiteResourceExtensions
{
    /// <summary>When this AppHost started: the wall-clock instant a rehearsal's <c>Clock__StartAt</c> stands for.</summary>
    private static readonly string AppHostStartedAt = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A gRPC service or the gateway: an HTTP/2-only (h2c) Kestrel process on a fixed loopback
    /// port. The endpoint is not proxied: Aspire's proxy would sit between caller and process, and
    /// a plain, fixed port is what the gateway's clusters and grpcurl are pointed at.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddHttp2Project<TProject>(
        this IDistributedApplicationBuilder builder, string name, int port)
        where TProject : IProjectMetadata, new()
    {
        var healthCheck = $"{name}-health";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, LoopbackHealthChecks.Http2Health(port));

        return builder.AddProject<TProject>(name, IgnoreProjectEndpoints)
            // Aspire passes the port as ASPNETCORE_URLS; the service's own appsettings.json keeps
            // Kestrel at HTTP/2 only (EndpointDefaults:Protocols=Http2).
            .WithHttpEndpoint(port: port, name: "http", isProxied: false)
            .WithEndpoint("http", endpoint => endpoint.TargetHost = SuitePorts.Host)
            .AsHttp2Service()
            .WithSuiteProcessDefaults()
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// The agency stub host: one WireMock server per agency, each on its fixed port, told through
    /// <c>AgencyStubs:Agencies:&lt;agency&gt;:Port</c>. The endpoints are declared so the dashboard
    /// lists them, but kept out of ASPNETCORE_URLS: WireMock binds the ports itself.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddAgencyStubs<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var healthCheck = $"{name}-health";
        builder.Services.AddHealthChecks()
            .AddCheck(healthCheck, LoopbackHealthChecks.Http1Health(SuitePorts.Agencies.Select(a => a.Port)));

        var stubs = builder.AddProject<TProject>(name, IgnoreProjectEndpoints)
            .WithEndpointsInEnvironment(_ => false)
            .WithSuiteProcessDefaults()
            .WithHealthCheck(healthCheck);
        foreach (var (agency, port) in SuitePorts.Agencies)
        {
            // The stub host's agency keys are lower case (they also name its mapping folders).
            var key = agency.ToLowerInvariant();
            stubs.WithHttpEndpoint(port: port, name: key, isProxied: false)
                .WithEndpoint(key, endpoint => endpoint.TargetHost = SuitePorts.Host)
                .WithEnvironment($"AgencyStubs__Agencies__{key}__Port", port.ToString(CultureInfo.InvariantCulture));
        }
        return stubs;
    }

    /// <summary>Points a process at every agency stub (<c>Agencies:&lt;agency&gt;:BaseAddress</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithAgencyStubAddresses(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> stubs)
    {
        foreach (var (agency, port) in SuitePorts.Agencies)
        {
            project.WithEnvironment($"Agencies__{agency}__BaseAddress", SuitePorts.Loopback(port).ToString().TrimEnd('/'));
        }
        return project.WaitFor(stubs).WithReferenceRelationship(stubs);
    }

    /// <summary>
    /// Points a service at the nominals service (<c>Services:Nominals</c>): identity checks call it,
    /// and assessments, interventions and identity checks follow its change feed (erasure, transfers).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithNominalsService(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> nominals) =>
        service
            .WithEnvironment("Services__Nominals", SuitePorts.Loopback(SuitePorts.Nominals).ToString().TrimEnd('/'))
            .WaitFor(nominals)
            .WithReferenceRelationship(nominals);

    /// <summary>
    /// Points the nominals service at the assessments and interventions services
    /// (<c>Services:Assessments</c>, <c>Services:Interventions</c>), whose change feeds it follows.
    /// No WaitFor: they wait for nominals, and the consumers retry.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAssessmentsFeed(this IResourceBuilder<ProjectResource> nominals) =>
        nominals.WithEnvironment("Services__Assessments", SuitePorts.Loopback(SuitePorts.Assessments).ToString().TrimEnd('/'))
            .WithEnvironment("Services__Interventions", SuitePorts.Loopback(SuitePorts.Interventions).ToString().TrimEnd('/'));

    /// <summary>Adds a gateway cluster (<c>ReverseProxy:Clusters:&lt;cluster&gt;</c>) whose one
    /// destination is the service, and holds the gateway back until that service is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithCluster(
        this IResourceBuilder<ProjectResource> gateway, string cluster, IResourceBuilder<ProjectResource> service, int port) =>
        gateway
            .WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address", SuitePorts.Loopback(port).ToString().TrimEnd('/'))
            .WaitFor(service)
            .WithReferenceRelationship(service);

    /// <summary>
    /// SQLite files of every service in one folder (<c>Storage:DataDirectory</c>), and the audit
    /// chains' checkpoints beside them (<c>Audit:Checkpoints:Directory</c>, a sub-folder per service).
    /// The audit log is sealed with the development audit key (Development only; no
    /// <c>Audit:Keys</c> is given): a local run is no place for a real one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSqliteIn(this IResourceBuilder<ProjectResource> service, string dataDirectory) =>
        service.WithEnvironment("Storage__DataDirectory", dataDirectory)
            .WithEnvironment("Audit__Checkpoints__Directory", Path.Combine(dataDirectory, "audit-checkpoints"));

    private static IResourceBuilder<ProjectResource> WithSuiteProcessDefaults(this IResourceBuilder<ProjectResource> project) =>
        project
            // Development: the development signing key accepted (see DevTokens).
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            // ServiceDefaults' ParentProcessWatchdog (OFFENDERRISK_PARENT_PID): if the AppHost is
            // killed outright, each process stops itself rather than holding its port.
            .WithEnvironment("OFFENDERRISK_PARENT_PID", Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment(context =>
            {
                // Aspire turns off OpenTelemetry's URL query redaction for local runs. Keep it on,
                // as in production: ServiceDefaults relies on it to keep any identifier in a query
                // string out of spans, and the local dashboard is no exception.
                context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION");
                context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION");
                // A rehearsal at another date (ServiceDefaults' SuiteClock, Development only):
                // Clock__StartAt given to the AppHost reaches every process, with the instant the
                // AppHost started as the moment it stands for, so that every process keeps one time.
                if (Environment.GetEnvironmentVariable("Clock__StartAt") is { Length: > 0 } startAt)
                {
                    context.EnvironmentVariables["Clock__StartAt"] = startAt;
                    context.EnvironmentVariables["Clock__StartedAt"] = Environment.GetEnvironmentVariable("Clock__StartedAt") is { Length: > 0 } startedAt
                        ? startedAt
                        : AppHostStartedAt;
                }
            });

    /// <summary>Ports come from <see cref="SuitePorts"/> only, not from the projects' own launch
    /// profiles or Kestrel sections, so one table says where everything listens.</summary>
    private static void IgnoreProjectEndpoints(ProjectResourceOptions options)
    {
        options.ExcludeLaunchProfile = true;
        options.ExcludeKestrelEndpoints = true;
    }
}
