using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.LoadBenchmark;

/// <summary>Median latency of one idle call (one at a time) on each path.</summary>
internal sealed record IdleLatency(int Calls, double DirectP50, double GatewayP50, double NginxP50);

internal sealed record BenchmarkResults(
    IReadOnlyDictionary<string, double> IdleCpuPerSecond,
    LoadResult Trivial, LoadResult Audited, LoadResult WithoutAudit, LoadResult Gateway, LoadResult Nginx, IdleLatency Idle,
    LoadResult Mixed, IReadOnlyList<LoadResult> MixedKinds, LoadResult Search, IReadOnlyList<LoadResult> SearchKinds);

/// <summary>
/// The loads, in an order that puts the compared ones next to each other: (a) trivial handler,
/// (b) audited GetNominal and (d) the same without read audit, direct; (c) GetNominal through the
/// gateway and (e) through nginx; idle latency of the three paths interleaved; (g) search by name
/// through the gateway; (f) the mixed load through the gateway at a fixed rate, last.
/// </summary>
internal sealed class SuiteLoads(BenchmarkSuite suite, NginxProxy nginx, IReadOnlyList<SeededNominal> nominals, BenchmarkOptions options)
{
    /// <summary>The mix of (f), in twentieths: 12 reads, 4 searches, 2 intelligence, 1 update, 1 create.</summary>
    public static readonly (string Kind, int Twentieths)[] Mix = [("read", 12), ("search", 4), ("intelligence", 2), ("update", 1), ("create", 1)];

    private const string Force = "BM01";
    private readonly SeededNominal[] _home = nominals.Where(n => n.Force == Force).ToArray();
    private readonly string _token = suite.Tokens.Issue("PC-BENCH-0001", Force, ["mosovo-officer", "officer"], TimeSpan.FromHours(3));

    private CallOptions Call() => new(new Metadata { { "authorization", "Bearer " + _token } }, deadline: DateTime.UtcNow.AddSeconds(30));

    private string RandomNominal(Random random) => "nominals/" + _home[random.Next(_home.Length)].Id;

    public async Task<BenchmarkResults> RunAsync(CancellationToken ct)
    {
        var m = suite.Meters;
        ProcessMeter[] Meters(params string[] names) => names.Select(n => m[n]).ToArray();

        // What each process spends with no load at all (health probes, timers, feed polling): the
        // CPU-per-call figures subtract it, as at a low call rate it would otherwise dominate them.
        var idleMeters = suite.Meters.Values.Concat(nginx.Meters()).ToArray();
        var idleBefore = idleMeters.GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.Sum(x => x.CpuSeconds()));
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var idleCpu = idleMeters.GroupBy(x => x.Name).ToDictionary(g => g.Key, g => (g.Sum(x => x.CpuSeconds()) - idleBefore[g.Key]) / 5);
        Console.WriteLine("  idle CPU (no load, 5 s): " + string.Join(", ", idleCpu.Select(c => $"{c.Key} {c.Value * 1000:F0} ms/s")));

        var trivial = await ClosedAsync("(a) Health/Check, direct", suite.AddressOf("nominals"), (channel, _) =>
        {
            var client = new Health.HealthClient(channel);
            return async () => await client.CheckAsync(new HealthCheckRequest(), Call());
        }, Meters("nominals"), ct);
        var audited = await ClosedAsync("(b) GetNominal, direct", suite.AddressOf("nominals"), GetNominal, Meters("nominals"), ct);
        var withoutAudit = await ClosedAsync("(d) GetNominal, direct, no read audit", suite.AddressOf("nominals-noaudit"), GetNominal, Meters("nominals-noaudit"), ct);
        var gateway = await ClosedAsync("(c) GetNominal, gateway", suite.AddressOf("gateway"), GetNominal, Meters("gateway", "nominals"), ct);
        var viaNginx = await ClosedAsync("(e) GetNominal, nginx grpc_pass", nginx.Address, GetNominal, [.. nginx.Meters(), m["nominals"]], ct);
        var idle = await IdleAsync(ct);
        Console.WriteLine($"  idle GetNominal, one call at a time ({idle.Calls} each, interleaved): p50 direct {idle.DirectP50:F3} ms, gateway {idle.GatewayP50:F3} ms, nginx {idle.NginxP50:F3} ms");

        // Search before the mixed load: an overloaded mixed load leaves the gateway's destination
        // marked unhealthy for a while, which would fail the search load for no fault of its own.
        var (search, searchKinds) = await SearchAsync(ct);
        var (mixed, mixedKinds) = await MixedAsync(ct);
        return new BenchmarkResults(idleCpu, trivial, audited, withoutAudit, gateway, viaNginx, idle, mixed, mixedKinds, search, searchKinds);
    }

    private async Task<LoadResult> ClosedAsync(string name, Uri address, Func<GrpcChannel, int, Func<Task>> caller, IReadOnlyList<ProcessMeter> meters, CancellationToken ct)
    {
        var result = await LoadDriver.ClosedLoopAsync(name, address, options.Connections, options.Streams, options.Warmup, options.Duration, caller, meters, ct);
        Console.WriteLine($"  {name}: {result.Rate:F0}/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, errors {result.Errors}");
        return result;
    }

    private Func<Task> GetNominal(GrpcChannel channel, int worker)
    {
        var client = new NominalsService.NominalsServiceClient(channel);
        var random = new Random(options.Seed + worker);
        return async () => await client.GetNominalAsync(new GetNominalRequest { Name = RandomNominal(random) }, Call());
    }

    /// <summary>One call at a time on each path in turn (direct, gateway, nginx), same nominal each round: what each proxy adds to an idle call.</summary>
    private async Task<IdleLatency> IdleAsync(CancellationToken ct)
    {
        var addresses = new[] { suite.AddressOf("nominals"), suite.AddressOf("gateway"), nginx.Address };
        var channels = addresses.Select(a => LoadDriver.Channel(a)).ToArray();
        try
        {
            var clients = channels.Select(c => new NominalsService.NominalsServiceClient(c)).ToArray();
            var times = clients.Select(_ => new List<double>()).ToArray();
            var random = new Random(options.Seed);
            for (var i = -50; i < options.IdleCalls; i++)
            {
                ct.ThrowIfCancellationRequested();
                var request = new GetNominalRequest { Name = RandomNominal(random) };
                for (var p = 0; p < clients.Length; p++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await clients[p].GetNominalAsync(request, Call());
                    if (i >= 0)
                    {
                        times[p].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            }
            var p50 = times.Select(t => CallLog.Percentile([.. t.Order()], 0.5)).ToArray();
            return new IdleLatency(options.IdleCalls, p50[0], p50[1], p50[2]);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>(f): the mix through the gateway at the target rate, open loop.</summary>
    private async Task<(LoadResult, IReadOnlyList<LoadResult>)> MixedAsync(CancellationToken ct)
    {
        using var channel = LoadDriver.Channel(suite.AddressOf("gateway"), multipleConnections: true);
        var nominalsClient = new NominalsService.NominalsServiceClient(channel);
        var intelligenceClient = new IntelligenceService.IntelligenceServiceClient(channel);

        // Updates go to their own nominals (every 50th), each with the etag its last answer gave,
        // so that a concurrent intelligence record cannot make an update's etag stale.
        var updatable = new ConcurrentQueue<(string Name, string Etag)>();
        foreach (var n in _home.Where((_, i) => i % 50 == 0).Take(400))
        {
            var got = await nominalsClient.GetNominalAsync(new GetNominalRequest { Name = "nominals/" + n.Id }, Call());
            updatable.Enqueue((got.Nominal.Name, got.Nominal.Etag));
        }
        var others = _home.Where((_, i) => i % 50 != 0).ToArray();
        var slots = Mix.SelectMany(k => Enumerable.Repeat(k.Kind, k.Twentieths)).ToArray();
        var random = new Random(options.Seed + 1);
        var created = 0;

        (string, Func<Task>) Next(long sequence)
        {
            var kind = slots[sequence % slots.Length];
            var target = others[random.Next(others.Length)];
            switch (kind)
            {
                case "search":
                    var name = random.Next(2) == 0 ? target.FamilyName : target.GivenNames + " " + target.FamilyName;
                    return (kind, async () => await nominalsClient.SearchNominalsAsync(new SearchNominalsRequest { Name = name }, Call()));
                case "intelligence":
                    return (kind, async () => await intelligenceClient.RecordIntelligenceAsync(new RecordIntelligenceRequest
                    {
                        Parent = "nominals/" + target.Id,
                        Intelligence = new Intelligence
                        {
                            Source = IntelligenceSource.PoliceIntelligence,
                            Text = "Synthetic benchmark intelligence: seen near a fictional address.",
                            ObserveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-2)),
                        },
                        RequestId = Guid.NewGuid().ToString(),
                    }, Call()));
                case "update" when updatable.TryDequeue(out var entry):
                    return (kind, async () =>
                    {
                        var updated = await nominalsClient.UpdateNominalAsync(new UpdateNominalRequest
                        {
                            Nominal = new Nominal { Name = entry.Name, Etag = entry.Etag, VisorReference = $"BM/U{sequence:D7}" },
                            UpdateMask = new FieldMask { Paths = { "visor_reference" } },
                        }, Call());
                        updatable.Enqueue((updated.Nominal.Name, updated.Nominal.Etag));
                    });
                case "create":
                    var k = Interlocked.Increment(ref created);
                    return (kind, async () => await nominalsClient.CreateNominalAsync(new CreateNominalRequest { Nominal = NewNominal(k, random.Next(20_000)), RequestId = Guid.NewGuid().ToString() }, Call()));
                default: // a read, or an update with every updatable nominal in flight
                    return ("read", async () => await nominalsClient.GetNominalAsync(new GetNominalRequest { Name = "nominals/" + target.Id }, Call()));
            }
        }

        var meters = suite.Meters.Values.Where(x => x.Name != "nominals-noaudit").ToArray();
        var (all, kinds) = await LoadDriver.OpenLoopAsync($"(f) mixed, gateway, {options.MixedRate}/s", options.MixedRate, options.Warmup, options.Duration, Next, meters, ct);
        Console.WriteLine($"  {all.Name}: achieved {all.Rate:F0}/s, p50 {all.P50:F2} ms, p99 {all.P99:F2} ms, errors {all.Errors} {all.ErrorSummary}");
        return (all, kinds);
    }

    /// <summary>A new, obviously fictional nominal whose name no seeded one has (family names past the seeded range).</summary>
    private static Nominal NewNominal(int k, int day) => new()
    {
        PrimaryName = new PersonName { GivenNames = SyntheticNames.Given(k % SyntheticNames.GivenCount), FamilyName = SyntheticNames.Family(SyntheticNames.FamilyCount + k) },
        DateOfBirth = ToDate(new DateOnly(1950, 1, 1).AddDays(day)),
        Gender = Gender.Male,
        PncId = string.Create(CultureInfo.InvariantCulture, $"98/{9_000_000 + k:D7}{(char)('A' + k % 26)}"),
        VisorReference = string.Create(CultureInfo.InvariantCulture, $"BM/C{k:D7}"),
        Category = NominalCategory.RegisteredSexualOffender,
    };

    private static CalendarDate ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>(g): search by name through the gateway at a steady rate: a family name alone, or given names and family name.</summary>
    private async Task<(LoadResult, IReadOnlyList<LoadResult>)> SearchAsync(CancellationToken ct)
    {
        using var channel = LoadDriver.Channel(suite.AddressOf("gateway"), multipleConnections: true);
        var client = new NominalsService.NominalsServiceClient(channel);
        var random = new Random(options.Seed + 2);
        (string, Func<Task>) Next(long sequence)
        {
            var target = _home[random.Next(_home.Length)];
            var (kind, name) = sequence % 2 == 0 ? ("surname only", target.FamilyName) : ("full name", target.GivenNames + " " + target.FamilyName);
            return (kind, async () => await client.SearchNominalsAsync(new SearchNominalsRequest { Name = name }, Call()));
        }
        var (all, kinds) = await LoadDriver.OpenLoopAsync($"(g) search by name, gateway, {options.SearchRate}/s", options.SearchRate, options.Warmup, options.Duration, Next,
            [suite.Meters["gateway"], suite.Meters["nominals"]], ct);
        Console.WriteLine($"  {all.Name}: achieved {all.Rate:F0}/s, p50 {all.P50:F2} ms, p99 {all.P99:F2} ms, errors {all.Errors} {all.ErrorSummary}");
        return (all, kinds);
    }
}
