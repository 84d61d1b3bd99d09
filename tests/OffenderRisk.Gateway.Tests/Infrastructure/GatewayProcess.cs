using System.Diagnostics;
using System.Globalization;
using System.Text;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.ServiceDefaults.Telemetry;
using OffenderRisk.Testing;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway, started from its built dll as its own process on a free loopback port, and
/// killed (with anything it started) on dispose. Its parent-process watchdog also stops it should
/// the test run die before dispose.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string ReadyLine = "OffenderRisk gateway listening on ";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, string address, string httpAddress)
    {
        _process = process;
        Address = address;
        HttpAddress = httpAddress;
    }

    /// <summary>The address the gateway was told to listen on, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; }

    /// <summary>Its HTTP/1.1 address (JSON, the OpenAPI document, Swagger UI in Development): a
    /// free port of its own, never the fixed default 5180, so gateways run side by side.</summary>
    public string HttpAddress { get; }

    /// <summary>Everything the gateway wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The key the gateway validates tokens with in these tests (random per run), and
    /// tokens signed with it.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public static readonly TokenIssuer Tokens = new(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System);

    /// <summary>A token for a fictional officer of a fictional force.</summary>
    public static string Token(string force = "XA", string user = "PC-GATEWAY-TEST") =>
        Tokens.Issue(user, force, [Roles.MosovoOfficer], TimeSpan.FromMinutes(30));

    /// <summary>The variable that overrides a cluster's one destination from appsettings.json.</summary>
    public static string DestinationVariable(string cluster) =>
        $"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address";

    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = LocateGatewayDll();
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        var httpAddress = $"http://127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address);

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)
                     || k.StartsWith("ReverseProxy__", StringComparison.Ordinal) || k.StartsWith("Gateway__", StringComparison.Ordinal)
                     || k.StartsWith("Kestrel__", StringComparison.Ordinal) || k.StartsWith("Auth__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        // Testing, not Production: the symmetric test key is what the services' JWT setup accepts outside Production.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Auth__SigningKey"] = SigningKey;
        start.Environment[ParentProcessWatchdog.Variable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.Environment["Gateway__HttpListenUrls"] = httpAddress;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process, address, httpAddress);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data, ready);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(
            new InvalidOperationException($"The gateway exited during start:\n{gateway.Output}"));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    private void Record(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    /// <summary>gateway/OffenderRisk.Gateway/bin/&lt;Configuration&gt;/&lt;tfm&gt;/OffenderRisk.Gateway.dll, with
    /// the configuration and framework of this test assembly (the ProjectReference builds it).</summary>
    private static string LocateGatewayDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OffenderRisk.Services.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException($"No OffenderRisk.Services.sln above {output.FullName}.");
        }
        var dll = Path.Combine(root.FullName, "gateway", "OffenderRisk.Gateway", "bin", configuration, framework, "OffenderRisk.Gateway.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The gateway is not built.", dll);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }
}
