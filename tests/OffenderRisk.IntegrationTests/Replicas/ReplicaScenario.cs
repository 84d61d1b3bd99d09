using Grpc.Core;
using OffenderRisk.Client;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Replicas;

/// <summary>Channels straight to each replica of a service, so that a test decides which replica each call reaches.</summary>
public sealed class ReplicaChannels : IDisposable
{
    private readonly List<OffenderRiskClient> _channels;

    public ReplicaChannels(SuiteFixture suite, string service)
    {
        _channels = suite.Replicas(service).Select(r => OffenderRiskClient.Create(SuiteFixture.ClientOptions(r.Address))).ToList();
        Assert.True(_channels.Count >= 2, $"the replica profile runs two or more replicas of {service}");
    }

    public CallInvoker this[int replica] => _channels[replica].CallInvoker;

    public int Count => _channels.Count;

    /// <summary>The channel of the replica that call number <paramref name="i"/> goes to, in turn.</summary>
    public CallInvoker InTurn(int i) => _channels[i % _channels.Count].CallInvoker;

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
