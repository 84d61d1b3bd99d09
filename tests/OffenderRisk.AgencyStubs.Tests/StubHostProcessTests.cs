using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

/// <summary>The standalone host as integration teams and orchestrators run it.</summary>
public sealed partial class StubHostProcessTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Host_prints_usage_for_help_and_exits_zero()
    {
        using var host = StubHostProcess.Start(["--help"]);

        var output = host.ReadLinesUntil(_ => false, StartLimit);

        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, host.ExitCode);
        Assert.Contains(output, line => line.Contains("OFFENDERRISK_PARENT_PID", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("AgencyStubs:Agencies:<agency>:Port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_prints_agency_urls_and_exits_when_its_parent_process_dies()
    {
        // The "parent" is another host instance this test owns, so the test runs the same on every OS.
        using var parent = StubHostProcess.Start(StubHostProcess.OnFreePorts(AgencyNames.Pnd));
        Assert.NotEmpty(parent.ReadLinesUntil(AgencyLine().IsMatch, StartLimit));

        using var child = StubHostProcess.Start(
            StubHostProcess.OnFreePorts([.. AgencyNames.All]),
            new Dictionary<string, string> { ["OFFENDERRISK_PARENT_PID"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var urls = new Dictionary<string, Uri>();
        child.ReadLinesUntil(
            line =>
            {
                if (AgencyLine().Match(line) is { Success: true } match)
                {
                    urls[match.Groups["agency"].Value.ToLowerInvariant()] = new Uri(match.Groups["url"].Value);
                }

                return urls.Count == AgencyNames.All.Count;
            },
            StartLimit);

        Assert.Equal(AgencyNames.All.Order(), urls.Keys.Order());
        using (var client = new HttpClient())
        {
            foreach (var url in urls.Values)
            {
                using var health = await client.GetAsync(new Uri(url, "/health"));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }
        }

        parent.Kill();

        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(15)), "the stub host outlived its parent");
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void Host_does_not_start_when_its_parent_is_already_gone()
    {
        int goneProcessId;
        using (var finished = StubHostProcess.Start(["--help"]))
        {
            Assert.True(finished.WaitForExit(TimeSpan.FromSeconds(30)));
            goneProcessId = finished.Id;
        }

        using var host = StubHostProcess.Start(
            StubHostProcess.OnFreePorts(AgencyNames.Pnc),
            new Dictionary<string, string> { ["OFFENDERRISK_PARENT_PID"] = goneProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, host.ExitCode);
        Assert.Contains("is not running", host.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_exits_with_code_1_and_names_the_setting_when_a_port_is_taken()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        using var host = StubHostProcess.Start([.. StubHostProcess.OnFreePorts(AgencyNames.Pnc), $"--AgencyStubs:Agencies:pnc:Port={port}"]);

        Assert.True(host.WaitForExit(StartLimit));
        Assert.Equal(1, host.ExitCode);
        Assert.Contains("AgencyStubs:Agencies:pnc:Port", host.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_rejects_an_unknown_agency_in_configuration()
    {
        using var host = StubHostProcess.Start([.. StubHostProcess.OnFreePorts(AgencyNames.Pnc), "--AgencyStubs:Agencies:nca:Port=0"]);

        Assert.True(host.WaitForExit(StartLimit));
        Assert.Equal(1, host.ExitCode);
        Assert.Contains("Unknown agency in AgencyStubs:Agencies: nca", host.StandardError, StringComparison.Ordinal);
    }

    // e.g. "  HMPO  http://127.0.0.1:41234  admin: http://127.0.0.1:41234/__admin  mappings: 27"
    [GeneratedRegex(@"^\s+(?<agency>PNC|PND|DVLA|HMPO)\s+(?<url>http://\S+)\s+admin:")]
    private static partial Regex AgencyLine();
}
