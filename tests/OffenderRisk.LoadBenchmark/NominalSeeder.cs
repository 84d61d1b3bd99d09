using System.Diagnostics;
using Dapper;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.LoadBenchmark;

/// <summary>A seeded nominal, as the load needs it: where it is and what to search it by.</summary>
internal sealed record SeededNominal(string Id, string Force, string GivenNames, string FamilyName);

/// <summary>
/// Writes synthetic nominals into the nominals service's own database (already migrated by the
/// service) with the service's own <see cref="NominalStore"/> and <see cref="NominalSearchIndex"/>,
/// exactly as CreateNominal writes them, in batches on a few connections at once.
/// </summary>
internal static class NominalSeeder
{
    /// <summary>Forces: most nominals are in the first (the one the load calls as), the rest in two others.</summary>
    public static readonly string[] Forces = ["BM01", "BM02", "BM03"];

    private const int Batch = 500;
    private const int Writers = 3;

    public static string ForceOf(int i) => (i % 10) switch { 8 => Forces[1], 9 => Forces[2], _ => Forces[0] };

    public static async Task<IReadOnlyList<SeededNominal>> SeedAsync(string connection, int count, int seed, CancellationToken ct)
    {
        await using var database = new Database(StorageProvider.Postgres, connection);
        var store = new NominalStore();
        var index = new NominalSearchIndex(store);
        var seeded = new SeededNominal[count];
        var batches = (count + Batch - 1) / Batch;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct },
            async (batch, token) =>
            {
                var random = new Random(seed * 7919 + batch);
                var records = Enumerable.Range(batch * Batch, Math.Min(Batch, count - batch * Batch)).Select(i => Nominal(i, random)).ToList();
                await database.InTransactionAsync(async s =>
                {
                    foreach (var record in records)
                    {
                        await store.InsertAsync(s, record);
                        await index.IndexAsync(s, record);
                    }
                    return 0;
                }, token);
                foreach (var (record, i) in records.Select((r, k) => (r, batch * Batch + k)))
                {
                    seeded[i] = new SeededNominal(record.Id, record.ForceCode, record.Details.PrimaryName.GivenNames, record.Details.PrimaryName.FamilyName);
                }
                if (Interlocked.Add(ref done, records.Count) is var total && total % 20_000 < records.Count)
                {
                    Console.WriteLine($"  nominals: {total:N0} in {clock.Elapsed.TotalSeconds:F0} s");
                }
            });
        await using (var c = await database.OpenAsync(ct))
        {
            // What autovacuum does shortly after a bulk load; without it the first plans are guesses.
            await c.ExecuteAsync("ANALYZE nominals, nominal_name_keys");
        }
        return seeded;
    }

    private static NominalRecord Nominal(int i, Random random)
    {
        var created = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 3);
        var given = SyntheticNames.Given(random.Next(SyntheticNames.GivenCount));
        if (random.NextDouble() < 0.3)
        {
            given += " " + SyntheticNames.Given(random.Next(SyntheticNames.GivenCount));
        }
        var family = SyntheticNames.Family(SyntheticNames.SkewedFamily(random));
        IReadOnlyList<PersonName> aliases = random.NextDouble() < 0.25
            ? [new PersonName(SyntheticNames.Given(random.Next(SyntheticNames.GivenCount)), SyntheticNames.Family(SyntheticNames.SkewedFamily(random)))]
            : [];
        var dateOfBirth = new DateOnly(1945, 1, 1).AddDays(random.Next(0, 60 * 365));
        var details = new NominalDetails(new PersonName(given, family), aliases, dateOfBirth, (Gender)random.Next(1, 5),
            $"{dateOfBirth.Year % 100:D2}/{i + 1:D7}{(char)('A' + i % 26)}", $"BM/{i + 1:D7}", (NominalCategory)random.Next(1, 4), []);
        return new NominalRecord(Guid.CreateVersion7(created).ToString("D"), ForceOf(i), details, ManagementStatus.Pending, created, created, 1,
            NominalManagement.None);
    }
}
