using System.Diagnostics;
using System.Runtime.InteropServices;
using Dapper;
using Npgsql;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.LoadBenchmark;

// Starts the suite on PostgreSQL, seeds it, then runs the loads side by side and prints the
// figures and the targets of issue 11 with PASS or MISS. See README.md and --help.

BenchmarkOptions? options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Help);
    return 0;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop cleanly: every process this run started is stopped on the way out
    stopping.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
var ct = stopping.Token;

// The storage backend the integration tests use: one database per service, dropped at the end.
Environment.SetEnvironmentVariable(StorageBackend.PostgresVariable, options.Postgres);
Console.WriteLine(await MachineReport.DescribeAsync(options.Postgres!));
Console.WriteLine($"Scale: {options.Nominals:N0} nominals, {options.Assessments:N0} assessments; loads: {options.Connections} connections x {options.Streams} streams, "
    + $"{options.Warmup.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s measured each; mixed at {options.MixedRate}/s; search at {options.SearchRate}/s");
Console.WriteLine();

try
{
    await using var suite = new BenchmarkSuite();
    Console.WriteLine("Starting the suite (4 services + gateway, Release builds, ASPNETCORE_ENVIRONMENT=Testing)...");
    await suite.StartAsync(ct);
    Console.WriteLine("  healthy after: " + string.Join(", ", suite.HealthyAfter.OrderBy(h => h.Value).Select(h => $"{h.Key} {h.Value.TotalSeconds:F1} s")));

    Console.WriteLine("Seeding...");
    var seedClock = Stopwatch.StartNew();
    var nominals = await NominalSeeder.SeedAsync(await suite.ConnectionOfAsync("nominals"), options.Nominals, options.Seed, ct);
    var nominalSeconds = seedClock.Elapsed.TotalSeconds;
    Console.WriteLine($"  {nominals.Count:N0} nominals in {nominalSeconds:F1} s");
    seedClock.Restart();
    await AssessmentSeeder.SeedAsync(await suite.ConnectionOfAsync("assessments"), nominals, options.Assessments, options.Seed, ct);
    var assessmentSeconds = seedClock.Elapsed.TotalSeconds;
    Console.WriteLine($"  {options.Assessments:N0} assessments in {assessmentSeconds:F1} s");

    Console.WriteLine("Starting nominals without read audit (Audit__BenchmarkSkipReads=true) and nginx grpc_pass...");
    await suite.StartNominalsWithoutReadAuditAsync(ct);
    await using var nginx = await NginxProxy.StartAsync(suite.AddressOf("nominals").Port, ct);
    Console.WriteLine($"  nominals-noaudit healthy after {suite.HealthyAfter["nominals-noaudit"].TotalSeconds:F1} s; nginx {NginxVersion()} on {nginx.Address}");
    Console.WriteLine();

    var loads = new SuiteLoads(suite, nginx, nominals, options);
    var results = await loads.RunAsync(ct);
    Console.WriteLine();
    Report.Print(results, suite, options, nominalSeconds, assessmentSeconds);
    Console.WriteLine();
    Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("Stopping everything this run started...");
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.WriteLine("Stopped (Ctrl-C); every process this run started has been stopped and its databases dropped.");
    return 130;
}
return 0;

static string NginxVersion()
{
    using var nginx = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", "-v") { RedirectStandardError = true, UseShellExecute = false })!;
    var text = nginx.StandardError.ReadToEnd().Trim();
    nginx.WaitForExit();
    return text.Replace("nginx version: ", "", StringComparison.Ordinal);
}

namespace OffenderRisk.LoadBenchmark
{
    /// <summary>The machine the run is on, as the README records it.</summary>
    internal static class MachineReport
    {
        public static async Task<string> DescribeAsync(string postgres)
        {
            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            var os = File.Exists("/etc/os-release")
                ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?"
                : RuntimeInformation.OSDescription;
            string version;
            await using (var c = new NpgsqlConnection(postgres))
            {
                await c.OpenAsync();
                version = await c.ExecuteScalarAsync<string>("SHOW server_version") ?? "?";
            }
            return $"Machine: {Environment.ProcessorCount} vCPU ({cpu}), {long.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB RAM, {os}, "
                + $".NET {Environment.Version}, PostgreSQL {version}; load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}";
        }
    }
}
