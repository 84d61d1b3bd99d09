using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OffenderRisk.AgencyStubs.Hosting;

/// <summary>Starts the configured agency stubs with the host and stops them with it.</summary>
internal sealed class AgencyStubsHostedService(
    IOptions<AgencyStubsOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<AgencyStubsHostedService> logger) : IHostedService
{
    private AgencyStubSet? _stubs;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ports = ResolvePorts(settings);
        var root = AgencyStubsDirectory.Locate(settings.MappingsRoot);

        _stubs = AgencyStubSet.Start(root, ports, agency => new AgencyStubServerOptions
        {
            BindAddress = settings.BindAddress,
            WatchMappings = settings.WatchMappings,
            RequestLogLimit = settings.RequestLogLimit > 0 ? settings.RequestLogLimit : null,
            Logger = new WireMockLoggerAdapter(loggerFactory.CreateLogger("WireMock." + agency)),
        });

        // Plain stdout lines, one per agency, so people and launch scripts can read the addresses.
        var output = Console.Out;
        output.WriteLine($"OffenderRisk agency stubs - SYNTHETIC TEST DATA ONLY - mappings: {root}{(settings.WatchMappings ? " (watching for edits)" : string.Empty)}");
        foreach (var server in _stubs.Servers)
        {
            output.WriteLine($"  {server.Agency.ToUpperInvariant(),-5} {server.Url}  admin: {server.AdminUrl}  mappings: {server.MappingCount}");
        }

        output.Flush();
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Started {Count} agency stubs from {MappingsRoot}", _stubs.Servers.Count, root);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stubs?.Dispose();
        _stubs = null;
        return Task.CompletedTask;
    }

    internal static List<KeyValuePair<string, int>> ResolvePorts(AgencyStubsOptions settings)
    {
        var unknown = settings.Agencies.Keys.Where(agency => !AgencyNames.IsKnown(agency)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown agency in AgencyStubs:Agencies: {string.Join(", ", unknown)}. Known agencies: {string.Join(", ", AgencyNames.All)}.");
        }

        var ports = new List<KeyValuePair<string, int>>();
        foreach (var agency in AgencyNames.All)
        {
            settings.Agencies.TryGetValue(agency, out var endpoint);
            if (endpoint is { Enabled: false })
            {
                continue;
            }

            var port = endpoint?.Port ?? AgencyNames.DefaultPort(agency);
            if (port is < 0 or > 65535)
            {
                throw new InvalidOperationException($"AgencyStubs:Agencies:{agency}:Port must be 0-65535, not {port}.");
            }

            ports.Add(KeyValuePair.Create(agency, port));
        }

        return ports.Count > 0
            ? ports
            : throw new InvalidOperationException("Every agency is disabled in AgencyStubs:Agencies; nothing to serve.");
    }
}
