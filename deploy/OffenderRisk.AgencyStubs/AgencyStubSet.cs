namespace OffenderRisk.AgencyStubs;

/// <summary>Several agency stubs started together from one stubs root (e.g. <c>deploy/stubs</c>).</summary>
public sealed class AgencyStubSet : IDisposable
{
    private readonly Dictionary<string, AgencyStubServer> _servers;

    private AgencyStubSet(string stubsRoot, Dictionary<string, AgencyStubServer> servers)
    {
        StubsRoot = stubsRoot;
        _servers = servers;
    }

    public string StubsRoot { get; }

    /// <summary>Started servers in start order.</summary>
    public IReadOnlyList<AgencyStubServer> Servers => [.. _servers.Values];

    public AgencyStubServer this[string agency] =>
        _servers.TryGetValue(agency, out var server)
            ? server
            : throw new KeyNotFoundException($"No stub was started for agency '{agency}'.");

    /// <summary>
    /// Starts one server per agency in <paramref name="ports"/> (agency name to port; 0 picks a free port).
    /// If any server fails to start, the ones already started are stopped before the exception propagates.
    /// </summary>
    public static AgencyStubSet Start(string stubsRoot, IEnumerable<KeyValuePair<string, int>> ports, AgencyStubServerOptions? options = null)
        => Start(stubsRoot, ports, _ => options);

    /// <summary>As <see cref="Start(string, IEnumerable{KeyValuePair{string, int}}, AgencyStubServerOptions?)"/> with per-agency options (e.g. a logger per agency).</summary>
    public static AgencyStubSet Start(string stubsRoot, IEnumerable<KeyValuePair<string, int>> ports, Func<string, AgencyStubServerOptions?> optionsForAgency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stubsRoot);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(optionsForAgency);

        var root = Path.GetFullPath(stubsRoot);
        var servers = new Dictionary<string, AgencyStubServer>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (agency, port) in ports)
            {
                var server = AgencyStubServer.Start(agency, port, AgencyStubsDirectory.MappingsDirectory(root, agency), optionsForAgency(agency));
                servers.Add(agency, server);
            }
        }
        catch
        {
            foreach (var started in servers.Values)
            {
                started.Dispose();
            }

            throw;
        }

        return new AgencyStubSet(root, servers);
    }

    /// <summary>Starts every known agency on a free port; the usual choice for in-process tests.</summary>
    public static AgencyStubSet StartAllOnFreePorts(string stubsRoot, AgencyStubServerOptions? options = null) =>
        Start(stubsRoot, AgencyNames.All.Select(agency => KeyValuePair.Create(agency, 0)), options);

    public void Dispose()
    {
        foreach (var server in _servers.Values)
        {
            server.Dispose();
        }
    }
}
