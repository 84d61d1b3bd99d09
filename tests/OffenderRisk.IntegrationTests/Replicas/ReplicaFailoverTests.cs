using System.Collections.Concurrent;
using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Replicas;

/// <summary>
/// Failover (issue 11): a replica killed with SIGKILL in the middle of a stream of writes through
/// the gateway. Callers retry a write the gateway could not complete with its request id, as the
/// contracts tell them to (AIP-155); every write the suite acknowledged is kept, once.
/// </summary>
[Collection(ReplicaFailoverCollection.Name)]
public sealed class ReplicaFailoverTests(ReplicatedSuiteFixture suite)
{
    private const int Writers = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [ReplicaFact]
    public async Task A_replica_killed_mid_writes_loses_no_acknowledged_write_and_the_gateway_stops_routing_to_it_within_its_health_check_interval()
    {
        var force = TestData.NewForce();
        var client = new NominalsService.NominalsServiceClient(suite.Channel);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentQueue<(DateTime Started, StatusCode Code)>();
        using var stop = new CancellationTokenSource();
        var sequence = 0;

        async Task WriteUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                var request = new CreateNominalRequest { Nominal = TestData.Nominal(familyName: "TESTFAILOVER" + Letters(n)), RequestId = Guid.NewGuid().ToString() };
                for (var attempt = 1; ; attempt++)
                {
                    var started = DateTime.UtcNow;
                    try
                    {
                        var created = await client.CreateNominalAsync(request, suite.As(force, "PC-FAILOVER-1", RoleSets.Mosovo));
                        acknowledged[request.RequestId] = created.Nominal.Name;
                        break;
                    }
                    // What a caller sees of a replica dying under its call: the gateway could not
                    // complete it. The write may or may not have committed: the retry with the same
                    // request id answers either way, and never creates a second nominal.
                    catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown && attempt < 20)
                    {
                        failures.Enqueue((started, e.StatusCode));
                        await Task.Delay(100);
                    }
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteUntilStoppedAsync)).ToList();
        await IdentityScenario.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= 20), Patience, "writes acknowledged before the kill");
        var beforeKill = acknowledged.Count;
        var victim = suite.Replicas("nominals")[1];
        var killedAt = DateTime.UtcNow;
        await victim.StopAsync();
        // Once one health check has run (and its timeout passed), the gateway no longer routes to the dead replica.
        var routedAround = killedAt + ReplicatedSuiteFixture.HealthCheckInterval + ReplicatedSuiteFixture.HealthCheckTimeout + TimeSpan.FromSeconds(1);
        await Task.Delay(routedAround - DateTime.UtcNow);
        var afterRouting = acknowledged.Count;
        await IdentityScenario.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= afterRouting + 40), Patience,
            "writes acknowledged after the gateway routed around the dead replica");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(victim.HasExited);
        Assert.True(acknowledged.Count > beforeKill);
        Assert.DoesNotContain(failures, f => f.Started > routedAround);

        // Every acknowledged write is there, once: the survivor answers for all of them.
        var options = suite.As(force, "PC-FAILOVER-1", RoleSets.Mosovo);
        foreach (var name in acknowledged.Values)
        {
            Assert.Equal(name, (await client.GetNominalAsync(new GetNominalRequest { Name = name }, options)).Nominal.Name);
        }
        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListNominalsAsync(new ListNominalsRequest { PageSize = 100, PageToken = token }, options);
            listed.AddRange(page.Nominals.Select(x => x.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(acknowledged.Values.Order(), listed.Order());
    }

    /// <summary>A number as capital letters (names take letters, not digits): 1 → "B", 27 → "BB".</summary>
    private static string Letters(int n)
    {
        var letters = "";
        do
        {
            letters = (char)('A' + (n % 26)) + letters;
            n /= 26;
        }
        while (n > 0);
        return letters;
    }
}
