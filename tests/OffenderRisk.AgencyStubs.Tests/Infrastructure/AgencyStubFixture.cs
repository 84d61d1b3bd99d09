namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>
/// One in-process stub per test class, on a free port, serving the real mapping files. Tests in a class run one
/// at a time, and each starts with <see cref="Reset"/>, so scenario state and the request log never leak between tests.
/// </summary>
public sealed class AgencyStubFixture<TAgency> : IDisposable
    where TAgency : IAgency
{
    public AgencyStubFixture()
    {
        // No file watching: these servers live for one class and the files are not edited under them.
        Server = AgencyStubServer.Start(TAgency.Name, 0, StubsRoot.MappingsOf(TAgency.Name), new AgencyStubServerOptions { WatchMappings = false });
        Client = StubHttp.CreateClient(Server);
        Case = AgencyCase.For(TAgency.Name);
    }

    public AgencyStubServer Server { get; }

    public HttpClient Client { get; }

    public AgencyCase Case { get; }

    public void Reset()
    {
        Server.ResetScenarios();
        Server.ResetRequestLog();
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}

/// <summary>All four agencies at once, for contract rules every agency shares.</summary>
public sealed class AllAgenciesFixture : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients;

    public AllAgenciesFixture()
    {
        Stubs = AgencyStubSet.StartAllOnFreePorts(StubsRoot.Path, new AgencyStubServerOptions { WatchMappings = false });
        _clients = Stubs.Servers.ToDictionary(s => s.Agency, s => StubHttp.CreateClient(s));
    }

    public AgencyStubSet Stubs { get; }

    public HttpClient ClientFor(string agency) => _clients[agency];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        Stubs.Dispose();
    }
}
