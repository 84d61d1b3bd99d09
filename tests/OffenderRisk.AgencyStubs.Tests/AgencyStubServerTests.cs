using System.Net;
using System.Net.Sockets;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

/// <summary>The reusable in-process API that other test suites use to start the same stubs.</summary>
public sealed class AgencyStubServerTests
{
    [Fact]
    public void Stub_server_started_on_port_zero_binds_a_free_loopback_port()
    {
        using var first = AgencyStubServer.Start(AgencyNames.Pnc, 0, StubsRoot.MappingsOf(AgencyNames.Pnc), new AgencyStubServerOptions { WatchMappings = false });
        using var second = AgencyStubServer.Start(AgencyNames.Pnc, 0, StubsRoot.MappingsOf(AgencyNames.Pnc), new AgencyStubServerOptions { WatchMappings = false });

        Assert.NotEqual(0, first.Port);
        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal($"http://127.0.0.1:{first.Port}", first.Url);
        Assert.Equal(new Uri($"http://127.0.0.1:{first.Port}/"), first.BaseAddress);
        Assert.Equal(first.Url + "/__admin", first.AdminUrl);
        Assert.Equal(Path.GetFullPath(StubsRoot.MappingsOf(AgencyNames.Pnc)), first.MappingsDirectory);
    }

    [Fact]
    public void Stub_server_refuses_a_folder_without_mapping_files()
    {
        var empty = Directory.CreateTempSubdirectory("agency-stub-empty-");
        try
        {
            Assert.Throws<DirectoryNotFoundException>(() => AgencyStubServer.Start("pnc", 0, empty.FullName));
            Assert.Throws<DirectoryNotFoundException>(() => AgencyStubServer.Start("pnc", 0, Path.Combine(empty.FullName, "missing")));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Stub_server_reports_a_taken_port_with_the_setting_to_change()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(
            () => AgencyStubServer.Start(AgencyNames.Hmpo, port, StubsRoot.MappingsOf(AgencyNames.Hmpo), new AgencyStubServerOptions { WatchMappings = false }));

        Assert.Contains("AgencyStubs:Agencies:hmpo:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stub_server_dispose_is_idempotent_and_releases_the_port()
    {
        var server = AgencyStubServer.Start(AgencyNames.Pnd, 0, StubsRoot.MappingsOf(AgencyNames.Pnd), new AgencyStubServerOptions { WatchMappings = false });
        var port = server.Port;

        server.Dispose();
        server.Dispose();

        // Binding the same port again proves nothing listens there any more.
        using var rebind = new TcpListener(IPAddress.Loopback, port);
        rebind.Start();
        Assert.False(server.Server.IsStarted);
    }

    [Fact]
    public void Stub_server_scenario_helpers_mirror_the_admin_api()
    {
        using var server = AgencyStubServer.Start(AgencyNames.Hmpo, 0, StubsRoot.MappingsOf(AgencyNames.Hmpo), new AgencyStubServerOptions { WatchMappings = false });

        Assert.Null(server.GetScenarioState("hmpo-outage"));
        server.SetScenarioState("hmpo-outage", "down");
        Assert.Equal("down", server.GetScenarioState("hmpo-outage"));
        Assert.True(server.ResetScenario("hmpo-outage"));
        Assert.Null(server.GetScenarioState("hmpo-outage"));
        Assert.False(server.ResetScenario("no-such-scenario"));
    }

    [Fact]
    public async Task Stub_server_picks_up_edited_and_deleted_mapping_files_without_restart()
    {
        using var copy = new MappingFolderCopy(AgencyNames.Hmpo);
        using var server = AgencyStubServer.Start(AgencyNames.Hmpo, 0, copy.Path);
        using var client = StubHttp.CreateClient(server);
        Assert.Equal("UP", (await client.GetPathAsync("/health")).Json.GetProperty("status").GetString());

        // Written the way editors save: truncate, then write.
        await File.WriteAllTextAsync(copy.File("000-health.json"), copy.Read("000-health.json").Replace("\"UP\"", "\"MAINTENANCE\"", StringComparison.Ordinal));
        Assert.True(
            await Eventually.TrueWithin(TimeSpan.FromSeconds(10), async () =>
                (await client.GetPathAsync("/health")).Json.GetProperty("status").GetString() == "MAINTENANCE"),
            "the edited mapping was not served within 10 s");

        File.Delete(copy.File("000-health.json"));
        Assert.True(
            await Eventually.TrueWithin(TimeSpan.FromSeconds(10), async () =>
                (await client.GetPathAsync("/health")).Status == HttpStatusCode.NotFound),
            "the deleted mapping was still served after 10 s");
    }

    [Fact]
    public async Task Stub_server_reload_keeps_scenario_state_and_the_previous_mappings_of_an_unreadable_file()
    {
        using var copy = new MappingFolderCopy(AgencyNames.Hmpo);
        using var server = AgencyStubServer.Start(AgencyNames.Hmpo, 0, copy.Path, new AgencyStubServerOptions { WatchMappings = false });
        using var client = StubHttp.CreateClient(server);
        var loaded = server.MappingCount;
        server.SetScenarioState("hmpo-outage", "down");

        await File.WriteAllTextAsync(copy.File("100-passports-found.json"), "[ { \"Guid\": ");
        server.ReloadMappings();

        Assert.Equal(loaded, server.MappingCount);
        Assert.Equal("down", server.GetScenarioState("hmpo-outage"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/hmpo/v1/omnibase/passports/lookup", new { passportNumber = "990000001" })).Status);
    }

    [Fact]
    public void Stub_set_starts_every_agency_and_finds_each_by_name()
    {
        using var stubs = AgencyStubSet.StartAllOnFreePorts(StubsRoot.Path, new AgencyStubServerOptions { WatchMappings = false });

        Assert.Equal(AgencyNames.All, stubs.Servers.Select(s => s.Agency));
        Assert.Equal(AgencyNames.Dvla, stubs["DVLA"].Agency);
        Assert.Throws<KeyNotFoundException>(() => stubs["nca"]);
    }

    [Fact]
    public void Stub_set_fails_as_a_whole_when_one_agency_cannot_start()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var takenPort = ((IPEndPoint)blocker.LocalEndpoint).Port;

        Assert.Throws<InvalidOperationException>(() => AgencyStubSet.Start(
            StubsRoot.Path,
            [KeyValuePair.Create(AgencyNames.Pnc, 0), KeyValuePair.Create(AgencyNames.Hmpo, takenPort)],
            new AgencyStubServerOptions { WatchMappings = false }));
    }

    [Fact]
    public void Stubs_directory_is_located_from_the_test_output_and_honours_an_explicit_root()
    {
        Assert.True(AgencyStubsDirectory.IsStubsRoot(AgencyStubsDirectory.Locate()));
        Assert.Equal(StubsRoot.Path, AgencyStubsDirectory.Locate(StubsRoot.Path));
        Assert.Throws<DirectoryNotFoundException>(() => AgencyStubsDirectory.Locate(Path.GetTempPath()));
        // The build also copies the stubs next to the binaries, for runs outside the repository.
        Assert.True(AgencyStubsDirectory.IsStubsRoot(Path.Combine(AppContext.BaseDirectory, AgencyStubsDirectory.OutputFolderName)));
    }
}
