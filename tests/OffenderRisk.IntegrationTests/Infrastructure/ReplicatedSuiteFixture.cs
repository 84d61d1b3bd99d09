namespace OffenderRisk.IntegrationTests.Infrastructure;

/// <summary>
/// The replica profile (issue 11): two replicas of every service on one PostgreSQL database per
/// service, behind the gateway, which checks each replica's health every second and leaves one
/// out after a single failed check. Services reach each other through the gateway. Without
/// PostgreSQL (<c>OFFENDERRISK_TEST_POSTGRES</c>) nothing starts and the tests of the profile are
/// skipped (<see cref="ReplicaFactAttribute"/>): replicas of the embedded SQLite store are not a
/// supported deployment.
/// </summary>
public sealed class ReplicatedSuiteFixture : SuiteFixture
{
    /// <summary>The gateway's active health check interval in this profile.</summary>
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the gateway waits for one health answer in this profile.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromMilliseconds(800);

    /// <summary>HMPO's rate limit in this profile: 4 calls a minute, shared by the replicas (R-IC3).</summary>
    public const int HmpoPermitLimit = 4;

    public ReplicatedSuiteFixture()
        : base(replicasPerService: 2)
    {
        ExtraServiceSettings["Agencies__Hmpo__Resilience__RateLimit__PermitLimit"] = HmpoPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ExtraServiceSettings["Agencies__Hmpo__Resilience__RateLimit__Window"] = "00:01:00";
    }

    protected override IReadOnlyDictionary<string, string> GatewayClusterSettings => new Dictionary<string, string>
    {
        ["HealthCheck__Active__Interval"] = HealthCheckInterval.ToString("c"),
        ["HealthCheck__Active__Timeout"] = HealthCheckTimeout.ToString("c"),
        ["Metadata__ConsecutiveFailuresHealthPolicy.Threshold"] = "1",
        // As in appsettings.json, spelled out: with no replica passing its checks, try them all rather than fail every call.
        ["HealthCheck__AvailableDestinationsPolicy"] = "HealthyOrPanic",
    };

    public override Task InitializeAsync() => StorageBackend.PostgresConfigured ? base.InitializeAsync() : Task.CompletedTask;
}

/// <summary>A test of the replica profile: skipped unless the run has PostgreSQL.</summary>
public sealed class ReplicaFactAttribute : FactAttribute
{
    public ReplicaFactAttribute()
    {
        if (!StorageBackend.PostgresConfigured)
        {
            Skip = $"the replica profile runs on PostgreSQL: set {StorageBackend.PostgresVariable}";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicatedSuiteFixture>
{
    public const string Name = "replica-suite";
}

/// <summary>The failover test kills replicas, so it has a replicated suite of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaFailoverCollection : ICollectionFixture<ReplicatedSuiteFixture>
{
    public const string Name = "replica-failover";
}
