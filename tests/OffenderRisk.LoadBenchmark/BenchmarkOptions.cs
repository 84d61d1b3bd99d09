using System.Globalization;

namespace OffenderRisk.LoadBenchmark;

/// <summary>Command-line options (see <see cref="Help"/>).</summary>
internal sealed record BenchmarkOptions(
    string? Postgres,
    int Nominals,
    int Assessments,
    int Connections,
    int Streams,
    TimeSpan Duration,
    TimeSpan Warmup,
    int MixedRate,
    int SearchRate,
    int IdleCalls,
    int Seed)
{
    public const string Help = """
        OffenderRisk.LoadBenchmark: starts the suite on PostgreSQL, seeds it and drives gRPC load at it
        directly, through the gateway and through nginx grpc_pass, side by side in one run.

        Build first:  dotnet build -c Release OffenderRisk.Services.sln
        Usage:        dotnet run -c Release --no-build --project tests/OffenderRisk.LoadBenchmark -- --postgres CONN [options]

          --postgres CONN     an administrator connection string (required); one fresh database per
                              service is created and dropped at the end
          --nominals N        nominals to seed (default 100000; 80% in force BM01, the rest in BM02, BM03)
          --assessments N     assessments to seed (default 1000000), spread evenly over the nominals
          --connections N     HTTP/2 connections per closed-loop load (default 4)
          --streams N         concurrent calls per connection (default 8)
          --duration S        seconds measured per load (default 15)
          --warmup S          seconds of unmeasured load before each (default 3)
          --rate N            target rate of the mixed load through the gateway, per second (default 2000)
          --search-rate N     rate of the search-by-name load, per second (default 100)
          --idle-calls N      sequential calls per path for the idle-latency comparison (default 1000)
          --seed N            random seed for names and picks (default 42)
          --help              this text

        Needs nginx on the PATH (Debian package nginx) for the proxy comparison. Loopback only; it
        stops everything it started, also on Ctrl-C.
        """;

    public static BenchmarkOptions? Parse(string[] args)
    {
        var o = new BenchmarkOptions(null, 100_000, 1_000_000, 4, 8, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(3), 2000, 100, 1000, 42);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new ArgumentException($"{args[i - 1]} must be a whole number of at least {min}");
            o = args[i] switch
            {
                "--postgres" => o with { Postgres = Value() },
                "--nominals" => o with { Nominals = Number(10) },
                "--assessments" => o with { Assessments = Number(0) },
                "--connections" => o with { Connections = Number(1) },
                "--streams" => o with { Streams = Number(1) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Number(1)) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(Number(0)) },
                "--rate" => o with { MixedRate = Number(1) },
                "--search-rate" => o with { SearchRate = Number(1) },
                "--idle-calls" => o with { IdleCalls = Number(10) },
                "--seed" => o with { Seed = Number(0) },
                "--help" or "-h" => null,
                _ => throw new ArgumentException($"unknown option {args[i]}; see --help"),
            };
            if (o is null)
            {
                return null;
            }
        }
        return o.Postgres is null ? throw new ArgumentException("--postgres is required; see --help") : o;
    }
}
