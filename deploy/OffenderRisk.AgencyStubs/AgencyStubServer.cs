using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace OffenderRisk.AgencyStubs;

/// <summary>
/// One simulated agency: a WireMock.Net server serving the JSON mapping files of one agency folder, with the
/// admin API (<c>/__admin</c>) enabled so scenarios can be switched and deliveries inspected at run time.
/// Used by the stub host and, in-process, by tests that need the very same behaviour.
/// </summary>
public sealed class AgencyStubServer : IDisposable
{
    private readonly WireMockServer _server;
    private readonly IWireMockLogger _logger;
    private readonly string _bindAddress;
    private readonly Lock _reloadLock = new();
    private readonly MappingFolderWatcher? _watcher;
    private int _disposed;

    private AgencyStubServer(string agency, string mappingsDirectory, string bindAddress, WireMockServer server, IWireMockLogger logger, bool watch)
    {
        _logger = logger;
        _bindAddress = bindAddress;
        Agency = agency;
        MappingsDirectory = mappingsDirectory;
        _server = server;
        Port = server.Ports.Count > 0 ? server.Ports[0] : throw new InvalidOperationException($"The {agency} stub started without a port.");
        // Built here rather than taken from WireMock, which reports "localhost" for an explicit 127.0.0.1 port.
        Url = string.Create(CultureInfo.InvariantCulture, $"http://{ClientHost(bindAddress)}:{Port}");
        BaseAddress = new Uri(Url + "/");
        _watcher = watch ? new MappingFolderWatcher(mappingsDirectory, ReloadMappings) : null;
    }

    /// <summary>Agency name, e.g. <c>hmpo</c>.</summary>
    public string Agency { get; }

    /// <summary>Absolute path of the mapping folder being served (and watched).</summary>
    public string MappingsDirectory { get; }

    /// <summary>The port actually bound (differs from the requested one when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Base URL without trailing slash, e.g. <c>http://127.0.0.1:9104</c>.</summary>
    public string Url { get; }

    /// <summary>Base URL with trailing slash, ready for <see cref="HttpClient.BaseAddress"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Root of the WireMock.Net admin API for this agency.</summary>
    public string AdminUrl => Url + "/__admin";

    /// <summary>The underlying WireMock.Net server, for anything the helpers below do not cover.</summary>
    public WireMockServer Server => _server;

    /// <summary>Number of agency mappings currently loaded (admin-interface mappings excluded).</summary>
    public int MappingCount => _server.Mappings.Count(m => !m.IsAdminInterface);

    /// <summary>
    /// Starts a stub for <paramref name="agency"/> on <paramref name="port"/> (0 picks a free port) serving the
    /// mapping files in <paramref name="mappingsDirectory"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The mappings folder does not exist or holds no <c>*.json</c> file.</exception>
    /// <exception cref="InvalidOperationException">The server could not start, e.g. the port is taken.</exception>
    public static AgencyStubServer Start(string agency, int port, string mappingsDirectory, AgencyStubServerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agency);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ArgumentException.ThrowIfNullOrWhiteSpace(mappingsDirectory);
        options ??= AgencyStubServerOptions.Default;
        var logger = options.Logger ?? new WireMockNullLogger();

        var directory = Path.GetFullPath(mappingsDirectory);
        // An empty stub would answer "no mapping found" to everything, which looks like a contract change; fail loudly.
        if (!Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.json").Any())
        {
            throw new DirectoryNotFoundException($"No mapping files (*.json) for agency '{agency}' in '{directory}'.");
        }

        // WireMock.Net only notices a bind failure when its 10 s start timeout expires; a probe fails fast and clearly.
        if (port > 0 && !IsPortFree(options.BindAddress, port))
        {
            throw new InvalidOperationException(
                $"Could not start the {agency} stub: port {port} on {options.BindAddress} is already in use. " +
                $"Set AgencyStubs:Agencies:{agency}:Port to a free port (0 picks one).");
        }

        var settings = new WireMockServerSettings
        {
            Urls = [string.Create(CultureInfo.InvariantCulture, $"http://{FormatHost(options.BindAddress)}:{port}")],
            StartAdminInterface = true,
            ReadStaticMappings = true,
            // See MappingFolderWatcher for why WireMock.Net's own watcher is not used.
            WatchStaticMappings = false,
            WatchStaticMappingsInSubdirectories = false,
            FileSystemHandler = new AgencyMappingsFileSystemHandler(directory),
            MaxRequestLogCount = options.RequestLogLimit,
            Logger = logger,
            PreWireMockMiddlewareInit = StubPipeline.Configure,
        };

        WireMockServer server;
        try
        {
            server = WireMockServer.Start(settings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"Could not start the {agency} stub on {options.BindAddress}:{port} ({ex.Message}). " +
                $"If the port is taken, set AgencyStubs:Agencies:{agency}:Port to a free port (0 picks one).",
                ex);
        }

        try
        {
            return new AgencyStubServer(agency, directory, options.BindAddress, server, logger, options.WatchMappings);
        }
        catch
        {
            server.Stop();
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Re-reads the mapping folder now (what file watching does after each edit): mappings are replaced by Guid,
    /// mappings whose Guid left the files are removed, scenario states are kept.
    /// </summary>
    public void ReloadMappings()
    {
        lock (_reloadLock)
        {
            // The watcher's timer may fire while the server is being disposed.
            if (Volatile.Read(ref _disposed) == 0)
            {
                MappingFolderWatcher.Reload(_server, MappingsDirectory, _logger);
            }
        }
    }

    /// <summary>Current state of a scenario; <c>null</c> when it is in its initial (unset) state or unknown.</summary>
    public string? GetScenarioState(string scenario)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        return _server.Scenarios.TryGetValue(scenario, out var state) ? state.NextState : null;
    }

    /// <summary>Moves a scenario to <paramref name="state"/>; same effect as <c>PUT /__admin/scenarios/{name}/state</c>.</summary>
    public void SetScenarioState(string scenario, string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        if (!_server.SetScenarioState(scenario, state))
        {
            throw new InvalidOperationException($"The {Agency} stub refused to set scenario '{scenario}' to '{state}'.");
        }
    }

    /// <summary>Returns one scenario to its initial state; <c>false</c> when no such scenario exists.</summary>
    public bool ResetScenario(string scenario)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        return _server.ResetScenario(scenario);
    }

    /// <summary>Returns every scenario to its initial state.</summary>
    public void ResetScenarios() => _server.ResetScenarios();

    /// <summary>Forgets all logged requests (the admin API's <c>DELETE /__admin/requests</c>).</summary>
    public void ResetRequestLog() => _server.ResetLogEntries();

    /// <summary>
    /// Logged requests that carried <paramref name="idempotencyKey"/> in <c>Idempotency-Key</c>, oldest first,
    /// optionally only those to <paramref name="path"/>. Each entry is one delivery, whatever the response was
    /// (a dropped connection still counts: the agency received it).
    /// </summary>
    public IReadOnlyList<ILogEntry> FindDeliveries(string idempotencyKey, string? path = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return _server.LogEntries
            .Where(entry => path is null || string.Equals(entry.RequestMessage.Path, path, StringComparison.Ordinal))
            .Where(entry => HeaderValues(entry.RequestMessage, StubHeaders.IdempotencyKey).Contains(idempotencyKey, StringComparer.Ordinal))
            .OrderBy(entry => entry.RequestMessage.DateTime)
            .ToList();
    }

    /// <summary>Number of deliveries carrying <paramref name="idempotencyKey"/>; see <see cref="FindDeliveries"/>.</summary>
    public int CountDeliveries(string idempotencyKey, string? path = null) => FindDeliveries(idempotencyKey, path).Count;

    public override string ToString() => $"{Agency} {Url}";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _watcher?.Dispose();
        lock (_reloadLock)
        {
            _server.Stop();
            _server.Dispose();
        }

        // WireMock.Net cancels its web host and returns before Kestrel has closed the listener. Wait (bounded) so a
        // caller can start a stub on the same port straight after Dispose, as restarts on fixed ports do.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!IsPortFree(_bindAddress, Port) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }

    private static IEnumerable<string> HeaderValues(WireMock.IRequestMessage request, string name) =>
        request.Headers?
            .Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(header => header.Value)
        ?? [];

    private static bool IsPortFree(string bindAddress, int port)
    {
        var address = bindAddress is "0.0.0.0" or "*" or "+" ? IPAddress.Any
            : bindAddress == "::" ? IPAddress.IPv6Any
            : IPAddress.TryParse(bindAddress, out var parsed) ? parsed
            : IPAddress.Loopback;
        var probe = new TcpListener(address, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            probe.Stop();
            probe.Dispose();
        }
    }

    // A wildcard bind is not a usable client address; loopback always reaches it.
    private static string ClientHost(string bindAddress) =>
        bindAddress is "0.0.0.0" or "::" or "*" or "+" ? "127.0.0.1" : FormatHost(bindAddress);

    private static string FormatHost(string bindAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bindAddress);
        return IPAddress.TryParse(bindAddress, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : bindAddress;
    }
}
