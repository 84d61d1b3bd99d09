using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.Testing;

namespace OffenderRisk.LoadBenchmark;

/// <summary>
/// Debian's nginx as a plain gRPC proxy (grpc_pass) in front of one service, on a free loopback
/// port, from nginx.conf.template. It runs under a small shell watchdog that stops it when this
/// process ends, however it ends; <see cref="DisposeAsync"/> stops it at once.
/// </summary>
internal sealed class NginxProxy(Process watchdog, string prefix, Uri address, int masterPid) : IAsyncDisposable
{
    public Uri Address { get; } = address;
    public int MasterPid { get; } = masterPid;

    /// <summary>The master and its worker (CPU and memory of proxying are the worker's).</summary>
    public IReadOnlyList<ProcessMeter> Meters() =>
        [new ProcessMeter("nginx master", MasterPid), .. ProcessMeter.ChildrenOf(MasterPid).Select(pid => new ProcessMeter("nginx worker", pid))];

    public static async Task<NginxProxy> StartAsync(int upstreamPort, CancellationToken ct)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (apt-get install -y nginx)");
        var folder = Path.Combine(Path.GetTempPath(), "orbench-nginx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "nginx.conf.template"))
            .Replace("{{PREFIX}}", folder, StringComparison.Ordinal)
            .Replace("{{PORT}}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{UPSTREAM_PORT}}", upstreamPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var configPath = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config, ct);

        // $1 = this process, $2 = nginx, $3 = folder, $4 = config: nginx runs in the foreground
        // until this process or nginx itself is gone; then it is told to stop and waited for.
        const string Watchdog = """
            "$2" -p "$3" -c "$4" -e "$3/error.log" & n=$!
            while kill -0 "$1" 2>/dev/null && kill -0 "$n" 2>/dev/null; do sleep 1; done
            kill -TERM "$n" 2>/dev/null
            wait "$n"
            """;
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Watchdog, "nginx-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), nginx, folder, configPath })
        {
            info.ArgumentList.Add(argument);
        }
        var shell = Process.Start(info) ?? throw new InvalidOperationException("could not start nginx");
        shell.OutputDataReceived += (_, _) => { };
        shell.ErrorDataReceived += (_, _) => { };
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();

        var pidFile = Path.Combine(folder, "nginx.pid");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (shell.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log"), ct) : "";
                throw new InvalidOperationException($"nginx did not start:\n{log}");
            }
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile, ct)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var master)
                && await AcceptsAsync(port, ct))
            {
                return new NginxProxy(shell, folder, new Uri($"http://127.0.0.1:{port}"), master);
            }
            await Task.Delay(50, ct);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // nginx's own stop (SIGTERM to the master from its pid file), then the watchdog ends by itself.
        using (var stop = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", MasterPid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await stop!.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await watchdog.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            watchdog.Kill(entireProcessTree: true);
        }
        watchdog.Dispose();
        try
        {
            Directory.Delete(prefix, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
