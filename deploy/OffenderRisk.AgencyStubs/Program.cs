using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.AgencyStubs.Hosting;

namespace OffenderRisk.AgencyStubs;

internal static class Program
{
    private const string Usage = """
        OffenderRisk.AgencyStubs - simulated PNC, PND, DVLA and HMPO for integration testing.
        Serves SYNTHETIC data only, from the WireMock.Net mapping files in deploy/stubs/<agency>/mappings.

        Usage:
          dotnet run --project deploy/OffenderRisk.AgencyStubs [-- options]

        Options (any configuration key can also be given as --Section:Key=value):
          -h, --help                                Show this help and exit.
          --AgencyStubs:Agencies:<agency>:Port=N    Port for pnc|pnd|dvla|hmpo (defaults 9101, 9102, 9103, 9104; 0 = any free port).
          --AgencyStubs:Agencies:<agency>:Enabled=false
                                                    Do not start that agency.
          --AgencyStubs:MappingsRoot=PATH           Folder holding <agency>/mappings (default: deploy/stubs found above
                                                    the current or application directory, else the copy in the build output).
          --AgencyStubs:BindAddress=ADDRESS         Interface to bind (default 127.0.0.1).
          --AgencyStubs:WatchMappings=false         Do not reload mapping files when they change.
          --AgencyStubs:RequestLogLimit=N           Requests kept per agency for /__admin/requests (default 10000; 0 = all).

        Environment:
          AgencyStubs__Agencies__hmpo__Port=9204    Same keys as above, as environment variables.
          OFFENDERRISK_PARENT_PID=<pid>             Exit when that process ends (checked every second).

        Each agency also serves the WireMock.Net admin API at <url>/__admin (scenarios, request log).
        Contracts, selector values and scenario commands: deploy/stubs/README.md.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(arg => arg is "-h" or "--help" or "-?" or "/?"))
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }

        try
        {
            // Content root = application folder, so appsettings.json is found whatever the working directory.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args,
                ContentRootPath = AppContext.BaseDirectory,
            });

            builder.Services.Configure<AgencyStubsOptions>(builder.Configuration.GetSection(AgencyStubsOptions.SectionName));
            builder.Services.AddHostedService<AgencyStubsHostedService>();

            var parentPid = Environment.GetEnvironmentVariable(ParentProcessWatcher.EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(parentPid))
            {
                var pid = ParentProcessWatcher.ParseProcessId(parentPid);
                if (ParentProcessWatcher.Capture(pid) is not { } target)
                {
                    await Console.Error.WriteLineAsync($"Parent process {pid} ({ParentProcessWatcher.EnvironmentVariable}) is not running; not starting.");
                    return 0;
                }

                builder.Services.AddSingleton(target);
                builder.Services.AddHostedService<ParentProcessWatcher>();
            }

            using var host = builder.Build();
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DirectoryNotFoundException or ArgumentException)
        {
            // Configuration and start-up problems: one readable line, not a stack trace.
            await Console.Error.WriteLineAsync($"Agency stubs failed to start: {ex.Message}");
            return 1;
        }
    }
}
