using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using OffenderRisk.AgencyStubs;
using OffenderRisk.Client;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Testing;

namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>
/// The whole suite for a test run: every service and the gateway as real processes on free
/// loopback ports, fresh storage, a random signing key, and an OTLP collector. Tests call through
/// the gateway over HTTP/2 through the client package (OffenderRisk.Client), with tokens minted for
/// the role, force and user they need. With more
/// than one replica per service (<see cref="ReplicatedSuiteFixture"/>), every replica of a service
/// shares its storage, the gateway balances over them, and services call each other through the
/// gateway, as they would through a Kubernetes Service.
/// </summary>
public class SuiteFixture : IAsyncLifetime
{
    /// <summary>The suite's services: name (= gateway cluster and SQLite file), project folder, assembly.</summary>
    public static readonly IReadOnlyList<(string Name, string Project, string Assembly)> Services =
    [
        ("nominals", "services/Nominals", "OffenderRisk.Nominals"),
        ("assessments", "services/Assessments", "OffenderRisk.Assessments"),
        ("interventions", "services/Interventions", "OffenderRisk.Interventions"),
        ("identity-checks", "services/IdentityChecks", "OffenderRisk.IdentityChecks"),
    ];

    private readonly Dictionary<string, ChildProcess> _services = [];
    private readonly Dictionary<string, List<ChildProcess>> _replicas = [];

    /// <summary>Each service's ports (one per replica), chosen before any starts: the nominals service follows the assessments feed, and assessments the nominals feed.</summary>
    private readonly Dictionary<string, int[]> _ports;
    private readonly int _gatewayPort = FreePort.Next();
    private readonly int _gatewayHttpPort = FreePort.Next();

    /// <summary>The gateway's HTTP/1.1 address, for JSON over HTTP and the OpenAPI document (<c>Gateway:HttpListenUrls</c>).</summary>
    public Uri GatewayHttpAddress => new($"http://127.0.0.1:{_gatewayHttpPort}");
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>The audit keys (R-AU2): entries are sealed with the first; the second is there for a rotation to make current.</summary>
    public const string AuditCurrentKeyId = "test-1";
    public const string AuditNextKeyId = "test-2";
    private readonly Dictionary<string, string> _auditKeys = new()
    {
        [AuditCurrentKeyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [AuditNextKeyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>Where the services checkpoint their audit chains: the run's own folder, outside their databases.</summary>
    public string AuditCheckpointDirectory { get; } = Path.Combine(Path.GetTempPath(), "ortest-audit-" + Guid.NewGuid().ToString("N")[..10]);
    private TokenIssuer _tokens = null!;

    public SuiteFixture()
        : this(replicasPerService: 1)
    {
    }

    protected SuiteFixture(int replicasPerService)
    {
        ReplicasPerService = replicasPerService;
        _ports = Services.ToDictionary(s => s.Name, _ => Enumerable.Range(0, replicasPerService).Select(_ => FreePort.Next()).ToArray());
    }

    /// <summary>How many processes run each service.</summary>
    public int ReplicasPerService { get; }

    public StorageBackend Storage { get; } = new();
    public TelemetryCollector Telemetry { get; private set; } = null!;
    public ChildProcess Gateway { get; private set; } = null!;
    /// <summary>The gateway through the client package, retries off: tests assert each refusal
    /// (UNAVAILABLE, RESOURCE_EXHAUSTED...) exactly as the suite answers it, and the client's
    /// retries are proven in the unit tests (Client/). Calls get the client's default deadline.</summary>
    public OffenderRiskClient Client { get; private set; } = null!;

    /// <summary>What generated clients are made over: <c>new XServiceClient(suite.Channel)</c>.</summary>
    public CallInvoker Channel => Client.CallInvoker;

    /// <summary>Client options for a channel straight to <paramref name="address"/> (the gateway, or a replica), as the fixture makes them.</summary>
    public static OffenderRiskClientOptions ClientOptions(Uri address) => new() { Address = address, Retry = OffenderRiskRetryOptions.Disabled };

    /// <summary>Any generated client over the gateway, made once.</summary>
    public T ClientFor<T>() where T : ClientBase<T> => Client.Get<T>();

    /// <summary>The simulated agencies (deploy/stubs mappings) on free ports, in this process: tests switch scenarios and count deliveries.</summary>
    public AgencyStubSet Agencies { get; private set; } = null!;

    /// <summary>Each service's first replica (its only one unless replicated).</summary>
    public IReadOnlyDictionary<string, ChildProcess> ServiceProcesses => _services;

    /// <summary>Every replica of a service, the first first.</summary>
    public IReadOnlyList<ChildProcess> Replicas(string service) => _replicas[service];

    /// <summary>Settings every service gets on top of the usual ones, from its next start (e.g. <c>Clock__StartAt</c>).</summary>
    public Dictionary<string, string> ExtraServiceSettings { get; } = [];

    public virtual async Task InitializeAsync()
    {
        _tokens = new TokenIssuer(new AuthOptions { SigningKey = _signingKey }, TimeProvider.System);
        Telemetry = await TelemetryCollector.StartAsync();
        Agencies = AgencyStubSet.StartAllOnFreePorts(AgencyStubsDirectory.Locate());

        foreach (var (name, project, assembly) in Services)
        {
            var environment = await EnvironmentForAsync(name);
            _replicas[name] = _ports[name].Select(port => ChildProcess.Start(name, RepoPaths.BuiltAssembly(project, assembly), port, environment)).ToList();
            _services[name] = _replicas[name][0];
        }
        await Task.WhenAll(_replicas.Values.SelectMany(r => r).Select(s => s.WaitHealthyAsync(TimeSpan.FromSeconds(90))));

        var gatewayEnvironment = await EnvironmentForAsync("gateway", withStorage: false);
        gatewayEnvironment["Gateway__HttpListenUrls"] = GatewayHttpAddress.ToString().TrimEnd('/');
        // Tests make hundreds of calls a second as one user (e.g. 200 victims in a row): the edge's
        // rate limits stay on, far above that; the gateway's own tests prove the limits hold.
        foreach (var bucket in new[] { "PerCaller", "PerForce", "PerAddress" })
        {
            gatewayEnvironment[$"Gateway__RateLimits__{bucket}__TokenLimit"] = "100000";
            gatewayEnvironment[$"Gateway__RateLimits__{bucket}__TokensPerSecond"] = "100000";
        }
        // Every test connection comes from 127.0.0.1; the per-address connection cap stays on, far above them.
        gatewayEnvironment["Gateway__MaxConnectionsPerAddress"] = "4000";
        foreach (var (name, replicas) in _replicas)
        {
            for (var i = 0; i < replicas.Count; i++)
            {
                gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__{(i == 0 ? "primary" : $"replica-{i + 1}")}__Address"] = replicas[i].Address.ToString();
            }
            foreach (var (key, value) in GatewayClusterSettings)
            {
                gatewayEnvironment[$"ReverseProxy__Clusters__{name}__{key}"] = value;
            }
        }
        Gateway = ChildProcess.Start("gateway", RepoPaths.BuiltAssembly("gateway/OffenderRisk.Gateway", "OffenderRisk.Gateway"), _gatewayPort, gatewayEnvironment);
        await Gateway.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        Client = OffenderRiskClient.Create(ClientOptions(Gateway.Address));
    }

    /// <summary>Settings for every gateway cluster on top of appsettings.json (e.g. its health checks), keys below the cluster.</summary>
    protected virtual IReadOnlyDictionary<string, string> GatewayClusterSettings => new Dictionary<string, string>();

    /// <summary>The settings every process gets: key, storage, telemetry export.</summary>
    public async Task<Dictionary<string, string>> EnvironmentForAsync(string name, bool withStorage = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Auth__SigningKey"] = _signingKey,
            ["OTEL_SERVICE_NAME"] = name,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        };
        if (withStorage)
        {
            foreach (var (keyId, secret) in _auditKeys)
            {
                environment[$"Audit__Keys__{keyId}"] = secret;
            }
            environment["Audit__CurrentKeyId"] = AuditCurrentKeyId;
            environment["Audit__Checkpoints__Directory"] = AuditCheckpointDirectory;
            foreach (var (key, value) in (await Storage.SettingsForAsync(name)).Concat(ExtraServiceSettings))
            {
                environment[key] = value;
            }
        }
        if (name is "assessments" or "interventions" or "identity-checks")
        {
            foreach (var (key, value) in NominalFeedEnvironment())
            {
                environment[key] = value;
            }
        }
        if (name == "nominals")
        {
            foreach (var (key, value) in AssessmentFeedEnvironment())
            {
                environment[key] = value;
            }
        }
        if (name == "identity-checks")
        {
            foreach (var (key, value) in IdentityChecksEnvironment())
            {
                environment[key] = value;
            }
        }
        return environment;
    }

    /// <summary>
    /// The services that follow the nominals change feed (R-AU1 erasure, transfers) call the nominals
    /// process, started first; they poll fast and retry soon so tests need not wait long.
    /// </summary>
    private Dictionary<string, string> NominalFeedEnvironment() => new()
    {
        ["Services__Nominals"] = ServiceAddress("nominals"),
        ["NominalFeed__PollInterval"] = "00:00:00.200",
        ["NominalFeed__RetryBaseDelay"] = "00:00:00.200",
        ["NominalFeed__RetryMaxDelay"] = "00:00:02",
    };

    /// <summary>
    /// The nominals service follows the assessments change feed (countersigned assessments: the
    /// current level, ARMS obligations satisfied, reviews raised) and the interventions change feed
    /// (plans, actions, breaches); it polls fast so tests need not wait.
    /// </summary>
    private Dictionary<string, string> AssessmentFeedEnvironment() => new()
    {
        ["Services__Assessments"] = ServiceAddress("assessments"),
        ["AssessmentFeed__PollInterval"] = "00:00:00.200",
        ["AssessmentFeed__RetryBaseDelay"] = "00:00:00.200",
        ["AssessmentFeed__RetryMaxDelay"] = "00:00:02",
        ["Services__Interventions"] = ServiceAddress("interventions"),
        ["InterventionFeed__PollInterval"] = "00:00:00.200",
        ["InterventionFeed__RetryBaseDelay"] = "00:00:00.200",
        ["InterventionFeed__RetryMaxDelay"] = "00:00:02",
    };

    /// <summary>Where a service calls another: the process itself, or with replicas the gateway (which balances over them and routes around a dead one).</summary>
    private string ServiceAddress(string service) => Loopback(ReplicasPerService == 1 ? _ports[service][0] : _gatewayPort);

    private static string Loopback(int port) => $"http://127.0.0.1:{port}/";

    /// <summary>
    /// identity-checks calls the stub agencies and the nominals process (which may still be
    /// starting: the gRPC client connects lazily). Its workers poll fast so tests need not wait.
    /// </summary>
    private Dictionary<string, string> IdentityChecksEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["IdentityChecks__Outbox__PollInterval"] = "00:00:00.200",
            ["IdentityChecks__Outbox__LeaseDuration"] = "00:00:08",
            ["IdentityChecks__Outbox__RetryBaseDelay"] = "00:00:00.500",
            ["IdentityChecks__Outbox__RetryMaxDelay"] = "00:00:02",
            ["IdentityChecks__Scheduler__PollInterval"] = "00:00:00.500",
            ["IdentityChecks__Scheduler__RetryDelay"] = "00:00:02",
            // PND: short timeouts (its slow selector then times out) and a small, short rate window.
            ["Agencies__Pnd__Resilience__AttemptTimeout"] = "00:00:01",
            ["Agencies__Pnd__Resilience__TotalTimeout"] = "00:00:02.500",
            ["Agencies__Pnd__Resilience__RateLimit__PermitLimit"] = "4",
            ["Agencies__Pnd__Resilience__RateLimit__Window"] = "00:00:03",
        };
        foreach (var (agency, section) in new[] { ("pnc", "Pnc"), ("pnd", "Pnd"), ("dvla", "Dvla"), ("hmpo", "Hmpo") })
        {
            environment[$"Agencies__{section}__BaseAddress"] = Agencies[agency].BaseAddress.ToString();
            environment[$"Agencies__{section}__Resilience__Retry__BaseDelay"] = "00:00:00.100";
            // Fault tests follow each other quickly; the circuit is proven on a fake clock instead.
            environment[$"Agencies__{section}__Resilience__CircuitBreaker__MinimumThroughput"] = "1000";
        }
        return environment;
    }

    /// <summary>Restarts one service (its first replica) on the same port and storage (e.g. to prove state survives).</summary>
    public async Task RestartServiceAsync(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var old = _services[name];
        await old.StopAsync();
        var (_, project, assembly) = Services.Single(s => s.Name == name);
        var environment = await EnvironmentForAsync(name);
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }
        var started = ChildProcess.Start(name, RepoPaths.BuiltAssembly(project, assembly), old.Address.Port, environment);
        await old.DisposeAsync();
        _services[name] = started;
        _replicas[name][0] = started;
        await started.WaitHealthyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Restarts every service, one after another, on the same ports and storage (with <see cref="ExtraServiceSettings"/> as they are now).</summary>
    public async Task RestartAllServicesAsync()
    {
        foreach (var (name, _, _) in Services)
        {
            await RestartServiceAsync(name);
        }
    }

    /// <summary>A bearer token for a user of a force with the given roles.</summary>
    public string Token(string force, string user, params string[] roles) =>
        _tokens.Issue(user, force, roles, TokenLifetime);

    /// <summary>
    /// A token signed with the suite's key carrying exactly <paramref name="claims"/>, for the
    /// audience and issuer given: tokens <see cref="TokenIssuer"/> would never mint (a second role
    /// claim type, a person's token claiming the service role), to prove the services refuse them.
    /// </summary>
    public string HandMadeToken(IEnumerable<System.Security.Claims.Claim> claims, string audience = "offenderrisk", string issuer = "offenderrisk-dev") =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new System.Security.Claims.ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(_signingKey)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });

    /// <summary>
    /// Call options carrying the user's token (the client package's token source: minted once per
    /// user, force and roles, renewed near expiry); a justification header when given. The deadline
    /// is the client's default unless the test sets one (<c>.WithDeadline</c>).
    /// </summary>
    public CallOptions As(string force, string user, string[] roles, string? justification = null)
    {
        var headers = new Metadata();
        if (justification is not null)
        {
            headers.Add("offenderrisk-justification", justification);
        }
        return new CallOptions(headers, credentials: _userCredentials.GetOrAdd($"{force}|{user}|{string.Join(',', roles)}",
            _ => OffenderRiskCredentials.FromTokenSource(TokenSource.Cached(
                _ => Task.FromResult(new AccessToken(Token(force, user, roles), DateTimeOffset.UtcNow.Add(TokenLifetime)))))));
    }

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, CallCredentials> _userCredentials = new();

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        foreach (var service in _replicas.Values.SelectMany(r => r))
        {
            await service.DisposeAsync();
        }
        await Storage.DisposeAsync();
        if (Directory.Exists(AuditCheckpointDirectory))
        {
            Directory.Delete(AuditCheckpointDirectory, recursive: true);
        }
        Agencies?.Dispose();
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
