using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Benchmarks;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using Gender = OffenderRisk.Nominals.Domain.Gender;
using ManagementStatus = OffenderRisk.Nominals.Domain.ManagementStatus;
using NominalCategory = OffenderRisk.Nominals.Domain.NominalCategory;
using PersonName = OffenderRisk.Nominals.Domain.PersonName;

// Seeds synthetic nominals into a fresh database with the service's own migrations, store and
// search index, then times searches of each kind the way SearchNominals runs them: one
// transaction holding the index query, the loading of the page and the audit entry. gRPC, the
// gateway and token checks are not included. Stops by itself and removes its database.

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Help);
    return 0;
}

Console.WriteLine($"Nominals search benchmark: {options.Nominals:N0} nominals in {options.Forces} force(s), {options.Searches} searches per kind, seed {options.Seed}");
Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

await using var storage = await BenchmarkStorage.CreateAsync(options);
Console.WriteLine($"Storage: {storage.Description}");
var database = storage.Database;
await SchemaMigrator.MigrateAsync(database,
    SchemaMigrator.Discover(typeof(Database).Assembly, "platform", database.Provider)
        .Concat(SchemaMigrator.Discover(typeof(NominalStore).Assembly, "nominals", database.Provider)),
    CancellationToken.None);

var store = new NominalStore();
var index = new NominalSearchIndex(store);
var audit = new AuditWriter(TimeProvider.System, AuditKeyRing.Development);
var people = new SyntheticPeople(options.Seed);
var forces = Enumerable.Range(1, options.Forces).Select(i => $"BM{i:D2}").ToArray();

// ---- seed ----
var seeded = new List<NominalRecord>(options.Nominals);
var seedClock = Stopwatch.StartNew();
var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
const int batch = 1000;
for (var first = 0; first < options.Nominals; first += batch)
{
    var records = Enumerable.Range(first, Math.Min(batch, options.Nominals - first)).Select(i =>
    {
        var created = start.AddMinutes(i);
        return new NominalRecord(Guid.CreateVersion7(created).ToString("D"), forces[i % forces.Length], people.Next(i),
            ManagementStatus.Pending, created, created, 1, NominalManagement.None);
    }).ToList();
    await database.InTransactionAsync(async s =>
    {
        foreach (var record in records)
        {
            await store.InsertAsync(s, record);
            await index.IndexAsync(s, record);
        }
        return 0;
    }, CancellationToken.None);
    seeded.AddRange(records);
    if ((first + batch) % 20_000 == 0)
    {
        Console.WriteLine($"  seeded {first + batch:N0} in {seedClock.Elapsed.TotalSeconds:F1} s");
    }
}
long keyRows;
await using (var c = await database.OpenAsync(CancellationToken.None))
{
    keyRows = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominal_name_keys");
    if (database.Provider == StorageProvider.Postgres)
    {
        // What autovacuum does shortly after a bulk load; without it the first plans are guesses.
        // (SQLite gets no ANALYZE: the service never runs one, so its plans must not need it.)
        await c.ExecuteAsync("ANALYZE nominals, nominal_name_keys");
    }
}
Console.WriteLine($"Seeded {seeded.Count:N0} nominals ({seeded.Count(n => n.Details.Aliases.Count > 0):N0} with aliases), {keyRows:N0} index rows, in {seedClock.Elapsed.TotalSeconds:F1} s");

// ---- search ----
var random = new Random(options.Seed + 1);
NominalRecord Pick(Func<NominalRecord, bool>? where = null)
{
    while (true)
    {
        var n = seeded[random.Next(seeded.Count)];
        if (where is null || where(n))
        {
            return n;
        }
    }
}
static string Full(PersonName name) => (name.GivenNames + " " + name.FamilyName).Trim();

var kinds = new (string Kind, Func<(SearchNominalsRequest Request, NominalRecord? Target)> Make)[]
{
    ("exact name", () => { var n = Pick(); return (new SearchNominalsRequest { Name = Full(n.Details.PrimaryName) }, n); }),
    ("alias", () => { var n = Pick(x => x.Details.Aliases.Count > 0); return (new SearchNominalsRequest { Name = Full(n.Details.Aliases[0]) }, n); }),
    ("phonetic misspelling", () =>
    {
        var n = Pick();
        var name = n.Details.PrimaryName;
        return (new SearchNominalsRequest { Name = name.GivenNames + " " + SyntheticPeople.Misspell(name.FamilyName) }, n);
    }),
    ("surname only", () => (new SearchNominalsRequest { Name = Pick().Details.PrimaryName.FamilyName }, null)),
    ("date of birth", () => { var n = Pick(); return (new SearchNominalsRequest { DateOfBirth = ToDate(n.Details.DateOfBirth) }, n); }),
    ("PNC id", () => { var n = Pick(); return (new SearchNominalsRequest { PncId = n.Details.PncId }, n); }),
};

const int pageSize = 25;
// The search (index query and loading the page) is timed alone, and with the whole transaction
// (begin, search, audit append, commit): on SQLite the commit of the audit entry waits for the
// disk (WAL, synchronous FULL), which dominates the total.
async Task<(IReadOnlyList<NominalSearchHit> Hits, double SearchMs, double TotalMs)> SearchOnceAsync(string force, SearchNominalsRequest request)
{
    var total = Stopwatch.StartNew();
    var criteria = NominalSearchRequestValidation.Validate(request);
    var searchMs = 0.0;
    var hits = await database.InTransactionAsync(async s =>
    {
        var search = Stopwatch.StartNew();
        var hits = await index.SearchAsync(s, force, criteria, null, pageSize + 1);
        searchMs = search.Elapsed.TotalMilliseconds;
        await audit.AppendAsync(s, AuditActor.System("search-benchmark", force, "SearchNominals"),
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, force));
        return hits;
    }, CancellationToken.None);
    return (hits, searchMs, total.Elapsed.TotalMilliseconds);
}

// Warm-up: JIT, connection pool, page cache.
foreach (var (_, make) in kinds)
{
    for (var i = 0; i < 20; i++)
    {
        var (request, target) = make();
        await SearchOnceAsync(target?.ForceCode ?? forces[0], request);
    }
}

// For reading the results: what loading one found nominal (NominalStore.FindAsync) costs.
var loads = new List<double>();
await database.InTransactionAsync(async s =>
{
    for (var i = 0; i < 500; i++)
    {
        var clock = Stopwatch.StartNew();
        await store.FindAsync(s, Pick().Id);
        loads.Add(clock.Elapsed.TotalMilliseconds);
    }
    return 0;
}, CancellationToken.None);
loads.Sort();
Console.WriteLine($"Loading one nominal by id: p50 {Percentile(loads, 0.5):F3} ms, p95 {Percentile(loads, 0.95):F3} ms");

Console.WriteLine();
Console.WriteLine("Milliseconds. search = index query + loading the page; with audit = the whole transaction incl. the audit entry's commit.");
Console.WriteLine($"{"kind",-22}{"n",5}{"search p50",12}{"p95",8}{"max",8}{"with audit p50",16}{"p95",8}{"avg hits",10}{"target on page 1",18}");
foreach (var (kind, make) in kinds)
{
    var search = new List<double>(options.Searches);
    var total = new List<double>(options.Searches);
    long hitsTotal = 0;
    var targets = 0;
    var found = 0;
    for (var i = 0; i < options.Searches; i++)
    {
        var (request, target) = make();
        var force = target?.ForceCode ?? forces[random.Next(forces.Length)];
        var (hits, searchMs, totalMs) = await SearchOnceAsync(force, request);
        search.Add(searchMs);
        total.Add(totalMs);
        hitsTotal += Math.Min(hits.Count, pageSize);
        if (target is not null)
        {
            targets++;
            found += hits.Take(pageSize).Any(h => h.Nominal.Id == target.Id) ? 1 : 0;
        }
    }
    search.Sort();
    total.Sort();
    var onPage = targets == 0 ? "-" : $"{100.0 * found / targets:F0}%";
    Console.WriteLine($"{kind,-22}{search.Count,5}{Percentile(search, 0.50),12:F2}{Percentile(search, 0.95),8:F2}{search[^1],8:F2}"
        + $"{Percentile(total, 0.50),16:F2}{Percentile(total, 0.95),8:F2}{(double)hitsTotal / search.Count,10:F1}{onPage,18}");
}
return 0;

static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

static CalendarDate ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

namespace OffenderRisk.Nominals.Benchmarks
{
    /// <summary>Command-line options.</summary>
    internal sealed record BenchmarkOptions(int Nominals, int Forces, int Searches, int Seed, string? Postgres, bool Keep)
    {
        public const string Help = """
            OffenderRisk.Nominals.Benchmarks: times SearchNominals' storage work on synthetic nominals.

            Usage: dotnet run -c Release --project tests/OffenderRisk.Nominals.Benchmarks -- [options]

              --nominals N        nominals to seed (default 100000)
              --forces N          forces to spread them over, round robin (default 1: all in one force)
              --searches N        timed searches per kind (default 200)
              --seed N            random seed for names and picks (default 42)
              --postgres CONN     use PostgreSQL: an administrator connection string; a fresh
                                  database is created and dropped afterwards (default: a temporary
                                  SQLite file, deleted afterwards)
              --keep              keep the database afterwards (to look at query plans)
              --help              this text
            """;

        public static BenchmarkOptions? Parse(string[] args)
        {
            var o = new BenchmarkOptions(100_000, 1, 200, 42, null, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Number() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture) is var n && n > 0
                    ? n : throw new ArgumentException($"{args[i]} must be positive");
                o = args[i] switch
                {
                    "--nominals" => o with { Nominals = Number() },
                    "--forces" => o with { Forces = Number() },
                    "--searches" => o with { Searches = Number() },
                    "--seed" => o with { Seed = Number() },
                    "--postgres" => o with { Postgres = Value() },
                    "--keep" => o with { Keep = true },
                    "--help" or "-h" => null,
                    _ => throw new ArgumentException($"unknown option {args[i]}; see --help"),
                };
                if (o is null)
                {
                    return null;
                }
            }
            return o;
        }
    }

    /// <summary>A fresh database for one run, removed afterwards.</summary>
    internal sealed class BenchmarkStorage : IAsyncDisposable
    {
        private readonly string? _sqliteFile;
        private readonly string? _postgresAdmin;
        private readonly string? _postgresDatabase;

        private BenchmarkStorage(Database database, string description, string? sqliteFile, string? postgresAdmin, string? postgresDatabase)
        {
            Database = database;
            Description = description;
            _sqliteFile = sqliteFile;
            _postgresAdmin = postgresAdmin;
            _postgresDatabase = postgresDatabase;
        }

        public Database Database { get; }
        public string Description { get; }

        public static async Task<BenchmarkStorage> CreateAsync(BenchmarkOptions options)
        {
            if (options.Postgres is { } admin)
            {
                var name = "ornominalsbench_" + Guid.NewGuid().ToString("N")[..10];
                await using (var c = new NpgsqlConnection(admin))
                {
                    await c.OpenAsync();
                    await c.ExecuteAsync($"CREATE DATABASE \"{name}\"");
                    var version = await c.ExecuteScalarAsync<string>("SHOW server_version");
                    var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
                    return new BenchmarkStorage(new Database(StorageProvider.Postgres, connection), $"PostgreSQL {version}, database {name}", null,
                        options.Keep ? null : admin, name);
                }
            }
            var file = Path.Combine(Path.GetTempPath(), $"nominals-bench-{Guid.NewGuid():N}.db");
            var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 };
            return new BenchmarkStorage(new Database(StorageProvider.Sqlite, builder.ToString()), $"SQLite {SqliteVersion()}, file {file}",
                options.Keep ? null : file, null, null);
        }

        private static string SqliteVersion()
        {
            using var c = new SqliteConnection("Data Source=:memory:");
            c.Open();
            return c.ExecuteScalar<string>("SELECT sqlite_version()") ?? "?";
        }

        public async ValueTask DisposeAsync()
        {
            await Database.DisposeAsync();
            if (_sqliteFile is not null)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(_sqliteFile + suffix);
                }
            }
            if (_postgresAdmin is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(_postgresAdmin);
                await c.OpenAsync();
                await c.ExecuteAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
            }
        }
    }

    /// <summary>
    /// Obviously fictional people built from syllables. Family names follow a Zipf-like spread, as
    /// real surnames do, so some are shared by hundreds of nominals and most by a few.
    /// </summary>
    internal sealed class SyntheticPeople
    {
        private static readonly string[] Syllables =
        [
            "al", "bar", "cor", "dun", "el", "fen", "gar", "hal", "is", "jor", "kel", "lin", "mar", "nor", "ol", "pen",
            "quin", "ros", "sel", "tor", "ul", "var", "wen", "yar", "zel", "bri", "cas", "dra", "fel", "gro", "hen", "lor",
            "mil", "ner", "pra", "ron", "sta", "tre", "vin", "wil", "ash", "bel", "cam", "dor", "ev", "fin", "gil", "har",
            "ith", "jan", "kor", "lam", "mor", "nes", "orn", "pol", "rad", "sim", "tam", "ven",
        ];

        private readonly Random _random;
        private readonly string[] _given;
        private readonly string[] _family;
        private readonly double[] _familyCumulative;

        public SyntheticPeople(int seed)
        {
            _random = new Random(seed);
            _given = Enumerable.Range(0, 2_000).Select(_ => Word(2)).Distinct().ToArray();
            _family = Enumerable.Range(0, 12_000).Select(_ => Word(_random.Next(2, 4))).Distinct().ToArray();
            _familyCumulative = new double[_family.Length];
            var total = 0.0;
            for (var i = 0; i < _family.Length; i++)
            {
                total += 1.0 / (i + 10);
                _familyCumulative[i] = total;
            }
        }

        public NominalDetails Next(int i)
        {
            var aliases = new List<PersonName>();
            var roll = _random.NextDouble();
            var count = roll < 0.10 ? 2 : roll < 0.35 ? 1 : 0;
            for (var a = 0; a < count; a++)
            {
                aliases.Add(new PersonName(_given[_random.Next(_given.Length)], _random.NextDouble() < 0.5 ? Family() : Word(2)));
            }
            var dateOfBirth = new DateOnly(1945, 1, 1).AddDays(_random.Next(0, 60 * 365));
            return new NominalDetails(
                new PersonName(_given[_random.Next(_given.Length)] + (_random.NextDouble() < 0.3 ? " " + _given[_random.Next(_given.Length)] : ""), Family()),
                aliases,
                dateOfBirth,
                (Gender)_random.Next(1, 5),
                $"{dateOfBirth.Year % 100:D2}/{i + 1:D7}{(char)('A' + i % 26)}",
                $"BM/{i + 1:D7}",
                (NominalCategory)_random.Next(1, 4),
                []);
        }

        /// <summary>A plausible misspelling: one vowel after the first letter changed, as clerks do.</summary>
        public static string Misspell(string name)
        {
            const string vowels = "aeiou";
            for (var i = 1; i < name.Length; i++)
            {
                var v = vowels.IndexOf(char.ToLowerInvariant(name[i]), StringComparison.Ordinal);
                if (v >= 0)
                {
                    return string.Concat(name.AsSpan(0, i), vowels[(v + 1) % vowels.Length].ToString(), name.AsSpan(i + 1));
                }
            }
            return name + name[^1];
        }

        private string Family()
        {
            var x = _random.NextDouble() * _familyCumulative[^1];
            var i = Array.BinarySearch(_familyCumulative, x);
            return _family[i < 0 ? ~i : i];
        }

        private string Word(int syllables)
        {
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[_random.Next(Syllables.Length)]));
            return char.ToUpperInvariant(word[0]) + word[1..];
        }
    }
}
