using System.Diagnostics;
using System.Reflection;
using System.Text;
using Dapper;
using Npgsql;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.LoadBenchmark;

/// <summary>
/// Writes synthetic risk of serious harm assessments into the assessments service's own database
/// (already migrated by the service): each nominal gets an even share, countersigned one after
/// another, each superseded by the next, the last current. Every row is an
/// <see cref="AssessmentRecord"/> whose outcome the domain computed (<see cref="AssessmentOutcome.Of"/>,
/// OSP scores included), turned into the service's own row (<see cref="AssessmentStore.AssessmentRow"/>)
/// and written with COPY, because a million single inserts take too long.
/// </summary>
internal static class AssessmentSeeder
{
    private const int Writers = 2;

    public static async Task SeedAsync(string connection, IReadOnlyList<SeededNominal> nominals, int count, int seed, CancellationToken ct)
    {
        if (count == 0)
        {
            return;
        }
        var templates = Templates(seed);
        var columns = await ColumnsAsync(connection, ct);
        var copy = $"COPY assessments ({string.Join(", ", columns.Select(c => c.Column))}) FROM STDIN";
        var clock = Stopwatch.StartNew();
        var written = 0L;
        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct },
            async (writer, token) =>
            {
                await using var c = new NpgsqlConnection(connection);
                await c.OpenAsync(token);
                await using (var import = await c.BeginTextImportAsync(copy, token))
                {
                    var line = new StringBuilder();
                    for (var i = writer; i < nominals.Count; i += Writers)
                    {
                        var share = count / nominals.Count + (i < count % nominals.Count ? 1 : 0);
                        foreach (var record in History(nominals[i], share, templates, i))
                        {
                            line.Clear();
                            var row = AssessmentStore.AssessmentRow.From(record);
                            for (var k = 0; k < columns.Count; k++)
                            {
                                line.Append(k == 0 ? "" : "\t");
                                AppendCopyText(line, columns[k].Property.GetValue(row));
                            }
                            line.Append('\n');
                            await import.WriteAsync(line, token);
                        }
                        if (Interlocked.Add(ref written, share) is var total && total % 200_000 < share)
                        {
                            Console.WriteLine($"  assessments: {total:N0} in {clock.Elapsed.TotalSeconds:F0} s");
                        }
                    }
                }
            });
        await using var analyze = new NpgsqlConnection(connection);
        await analyze.OpenAsync(ct);
        await analyze.ExecuteAsync("ANALYZE assessments");
    }

    /// <summary>One nominal's assessments, oldest first: each countersigned and superseded by the next.</summary>
    private static IEnumerable<AssessmentRecord> History(SeededNominal nominal, int share, List<(AssessmentDetails Details, AssessmentOutcome Outcome)> templates, int i)
    {
        var start = new DateTimeOffset(2015, 6, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i % 50_000);
        var ids = Enumerable.Range(0, share).Select(k => Guid.CreateVersion7(start.AddDays(k * 120)).ToString("D")).ToArray();
        for (var k = 0; k < share; k++)
        {
            var (details, outcome) = templates[(i + k) % templates.Count];
            var created = start.AddDays(k * 120);
            var signed = created.AddDays(3);
            yield return new AssessmentRecord(ids[k], nominal.Force, details with { NominalId = nominal.Id }, outcome,
                $"PC-BM-{i % 97:D4}", AssessmentState.Countersigned, created.AddDays(1), [],
                new Countersignature($"SGT-BM-{i % 13:D4}", signed), k + 1 < share ? ids[k + 1] : null, [], false, created, signed, 3);
        }
    }

    /// <summary>A few dozen valid assessments with OSP inputs, their outcomes computed by the domain (no override).</summary>
    private static List<(AssessmentDetails Details, AssessmentOutcome Outcome)> Templates(int seed)
    {
        var random = new Random(seed);
        var templates = new List<(AssessmentDetails Details, AssessmentOutcome Outcome)>();
        while (templates.Count < 48)
        {
            var contactAdult = random.Next(0, 4);
            var contactChild = random.Next(0, 3);
            var nonContact = random.Next(0, 3);
            var images = random.Next(0, 3);
            var sexual = contactAdult + contactChild + nonContact + images;
            var followUp = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 2000));
            var inputs = new OspInputs(new DateOnly(1950, 1, 1).AddDays(random.Next(0, 15_000)), Gender.Male, followUp,
                contactAdult, contactChild, nonContact, images, sexual + random.Next(0, 8),
                sexual == 0 ? null : followUp.AddDays(-random.Next(30, 3000)), (StrangerVictim)random.Next(1, 4));
            try
            {
                var scores = ActuarialScores.Compute(inputs, "seed");
                var details = new AssessmentDetails("", AssessmentKind.RiskOfSeriousHarm, inputs, null,
                    [new GroupRisk(AffectedGroup.Public, scores.ToolOutcome)], "Could happen if supervision lapses (synthetic)",
                    "Rare (synthetic)", "Serious (synthetic)", [], [], "", "",
                    new VictimConsideration("No identified victims: synthetic benchmark record", []),
                    new RiskToChildren(RiskToChildrenConclusion.NoIdentifiedRisk, ["police records"], "Synthetic benchmark record"));
                templates.Add((details, AssessmentOutcome.Of(details, "seed")));
            }
            catch (DomainException)
            {
                // An input combination the tools refuse: draw another.
            }
        }
        return templates;
    }

    /// <summary>
    /// The row's properties matched to the table's columns the way the store's Dapper mapping does
    /// (PascalCase property, snake_case column); every column must be written, so a changed schema
    /// stops the seeding instead of writing half rows.
    /// </summary>
    private static async Task<IReadOnlyList<(string Column, PropertyInfo Property)>> ColumnsAsync(string connection, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync(ct);
        var tableColumns = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'assessments' AND table_schema = current_schema()",
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var mapped = typeof(AssessmentStore.AssessmentRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Column: SnakeCase(p.Name), Property: p)).ToList();
        var missing = tableColumns.Except(mapped.Select(m => m.Column)).ToList();
        var unknown = mapped.Where(m => !tableColumns.Contains(m.Column)).Select(m => m.Column).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException($"assessments table and AssessmentRow differ: columns without a property [{string.Join(", ", missing)}], properties without a column [{string.Join(", ", unknown)}]");
        }
        return mapped;
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    /// <summary>A value in COPY's text format: \N for null, backslash escapes for the separators.</summary>
    private static void AppendCopyText(StringBuilder line, object? value)
    {
        switch (value)
        {
            case null:
                line.Append("\\N");
                break;
            case string s:
                foreach (var ch in s)
                {
                    switch (ch)
                    {
                        case '\\': line.Append("\\\\"); break;
                        case '\t': line.Append("\\t"); break;
                        case '\n': line.Append("\\n"); break;
                        case '\r': line.Append("\\r"); break;
                        default: line.Append(ch); break;
                    }
                }
                break;
            case IFormattable f:
                line.Append(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"no COPY text form for {value.GetType().Name}");
        }
    }
}
