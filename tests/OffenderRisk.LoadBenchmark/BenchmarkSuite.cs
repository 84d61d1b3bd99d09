using System.Diagnostics;
using System.Security.Cryptography;
using OffenderRisk.AgencyStubs;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Testing;

namespace OffenderRisk.LoadBenchmark;

/// <summary>
/// The suite for one benchmark run: the agency stubs (in this process, as the integration tests
/// run them), the four services and the gateway as Release-built processes on free loopback ports,
/// ASPNETCORE_ENVIRONMENT=Testing, a random signing key, one fresh PostgreSQL database per service
/// (dropped at the end). Production poll intervals and logging: nothing is tuned for speed here.
/// </summary>
internal sealed class BenchmarkSuite : IAsyncDisposable
{
    /// <summary>Name (= gateway cluster and database suffix), project folder, assembly.</summary>
    private static readonly (string Name, string Project, string Assembly)[] Services =
    [
        ("nominals", "services/Nominals", "OffenderRisk.Nominals"),
        ("assessments", "services/Assessments", "OffenderRisk.Assessments"),
        ("interventions", "services/Interventions", "OffenderRisk.Interventions"),
        ("identity-checks", "services/IdentityChecks", "OffenderRisk.IdentityChecks"),
    ];

    private const string GatewayProject = "gateway/OffenderRisk.Gateway";
    private const string GatewayAssembly = "OffenderRisk.Gateway";

    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly Dictionary<string, int> _ports = Services.ToDictionary(s => s.Name, _ => FreePort.Next());
    private readonly List<ChildProcess> _processes = [];

    /// <summary>The run's own audit checkpoint directory (R-AU2), deleted at the end: a service on
    /// PostgreSQL would otherwise checkpoint beside its build output, where the next run's fresh
    /// database would be checked against this run's checkpoints.</summary>
    private readonly string _auditCheckpoints = Directory.CreateTempSubdirectory("offenderrisk-benchmark-audit-").FullName;
    private AgencyStubSet? _agencies;

    public StorageBackend Storage { get; } = new();
    public TokenIssuer Tokens { get; }
    public Dictionary<string, ChildProcess> ByName { get; } = [];
    public Dictionary<string, ProcessMeter> Meters { get; } = [];

    /// <summary>How long each process took from the start command to answering /health, and all of them together.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> HealthyAfter { get; } = new();

    public BenchmarkSuite() => Tokens = new TokenIssuer(new AuthOptions { SigningKey = _signingKey }, TimeProvider.System);

    public Uri AddressOf(string name) => ByName[name].Address;

    /// <summary>Starts every service and the gateway at once and waits until all are healthy.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _agencies = AgencyStubSet.StartAllOnFreePorts(AgencyStubsDirectory.Locate());
        var environments = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (name, _, _) in Services)
        {
            environments[name] = await ServiceEnvironmentAsync(name);
        }
        var gatewayEnvironment = CommonEnvironment("gateway");
        // The load comes from a handful of benchmark users: the edge's per-caller, per-force and
        // per-address limits stay on (their cost is measured) but far above the load.
        foreach (var bucket in new[] { "PerCaller", "PerForce", "PerAddress" })
        {
            gatewayEnvironment[$"Gateway__RateLimits__{bucket}__TokenLimit"] = "1000000";
            gatewayEnvironment[$"Gateway__RateLimits__{bucket}__TokensPerSecond"] = "1000000";
        }
        gatewayEnvironment["Gateway__HttpListenUrls"] = ""; // gRPC only: no fixed JSON port to collide on
        foreach (var (name, port) in _ports)
        {
            gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = Loopback(port);
        }

        var clock = Stopwatch.StartNew();
        var waits = new List<Task>();
        foreach (var (name, project, assembly) in Services)
        {
            waits.Add(StartOneAsync(name, project, assembly, _ports[name], environments[name], clock, ct));
        }
        waits.Add(StartOneAsync("gateway", GatewayProject, GatewayAssembly, FreePort.Next(), gatewayEnvironment, clock, ct));
        await Task.WhenAll(waits);
        HealthyAfter["suite"] = clock.Elapsed;
    }

    /// <summary>
    /// A second nominals process on the same database with read audit entries left out (the
    /// non-Production <c>Audit__BenchmarkSkipReads</c> setting), for "the same read without audit".
    /// </summary>
    public async Task StartNominalsWithoutReadAuditAsync(CancellationToken ct)
    {
        var environment = await ServiceEnvironmentAsync("nominals");
        environment["Audit__BenchmarkSkipReads"] = "true";
        environment["OTEL_SERVICE_NAME"] = "nominals-noaudit";
        await StartOneAsync("nominals-noaudit", "services/Nominals", "OffenderRisk.Nominals", FreePort.Next(), environment, Stopwatch.StartNew(), ct);
    }

    private async Task StartOneAsync(string name, string project, string assembly, int port, Dictionary<string, string> environment, Stopwatch clock, CancellationToken ct)
    {
        var path = RepoPaths.BuiltAssembly(project, assembly);
        var process = ChildProcess.Start(name, path, port, environment);
        _processes.Add(process);
        ByName[name] = process;
        Meters[name] = ProcessMeter.Find(name, path, process.Address.ToString().TrimEnd('/'));
        await process.WaitHealthyAsync(TimeSpan.FromSeconds(90)).WaitAsync(ct);
        HealthyAfter[name] = clock.Elapsed;
    }

    private Dictionary<string, string> CommonEnvironment(string name) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Auth__SigningKey"] = _signingKey,
        ["OTEL_SERVICE_NAME"] = name,
    };

    /// <summary>Key, storage, and the addresses of the services it calls (the change feeds it follows, the agencies).</summary>
    private async Task<Dictionary<string, string>> ServiceEnvironmentAsync(string name)
    {
        var environment = CommonEnvironment(name);
        foreach (var (key, value) in await Storage.SettingsForAsync(name))
        {
            environment[key] = value;
        }
        environment["Audit__Checkpoints__Directory"] = _auditCheckpoints;
        if (name is "assessments" or "interventions" or "identity-checks")
        {
            environment["Services__Nominals"] = Loopback(_ports["nominals"]);
        }
        if (name == "nominals")
        {
            environment["Services__Assessments"] = Loopback(_ports["assessments"]);
            environment["Services__Interventions"] = Loopback(_ports["interventions"]);
        }
        if (name == "identity-checks")
        {
            foreach (var (agency, section) in new[] { ("pnc", "Pnc"), ("pnd", "Pnd"), ("dvla", "Dvla"), ("hmpo", "Hmpo") })
            {
                environment[$"Agencies__{section}__BaseAddress"] = _agencies![agency].BaseAddress.ToString();
            }
        }
        return environment;
    }

    private static string Loopback(int port) => $"http://127.0.0.1:{port}/";

    /// <summary>The connection string of a service's database (for seeding it).</summary>
    public async Task<string> ConnectionOfAsync(string service) => (await Storage.SettingsForAsync(service))["Storage__Postgres"];

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await Storage.DisposeAsync();
        _agencies?.Dispose();
        Directory.Delete(_auditCheckpoints, recursive: true);
    }
}
