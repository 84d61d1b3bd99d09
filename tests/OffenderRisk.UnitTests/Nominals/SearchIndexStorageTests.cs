using Dapper;
using Microsoft.Data.Sqlite;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using SearchNominalsRequest = OffenderRisk.Contracts.Nominals.V1.SearchNominalsRequest;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The search index on a real (temporary) SQLite database with the service's migrations: the
/// queries and the backfill, without starting the service.
/// </summary>
public sealed class SearchIndexStorageTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"search-index-{Guid.NewGuid():N}.db");
    private readonly NominalStore _store = new();
    private Database _database = null!;
    private NominalSearchIndex _index = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(NominalStore).Assembly, "nominals", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
        _index = new NominalSearchIndex(_store);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task All_searched_words_must_match_the_same_name()
    {
        var john = await AddAsync("XA", new PersonName("John", "Smith"), [new PersonName("Peter", "Jones")]);

        Assert.Equal([john], await SearchAsync("XA", "john smith"));
        Assert.Equal([john], await SearchAsync("XA", "peter jones"));
        Assert.Empty(await SearchAsync("XA", "john jones"));
    }

    [Fact]
    public async Task Exact_matches_come_before_alias_matches_before_phonetic_ones_then_newest_first()
    {
        var phonetic = await AddAsync("XA", new PersonName("Ann", "Smyth"));
        var alias = await AddAsync("XA", new PersonName("Ann", "Other"), [new PersonName("", "Smith")]);
        var exactOld = await AddAsync("XA", new PersonName("Bea", "Smith"));
        var exactNew = await AddAsync("XA", new PersonName("Cat", "Smith"));

        var hits = await SearchHitsAsync("XA", "smith");

        Assert.Equal([exactNew, exactOld, alias, phonetic], hits.Select(h => h.Nominal.Id));
        Assert.Equal([NameMatch.ExactName, NameMatch.ExactName, NameMatch.Alias, NameMatch.Phonetic], hits.Select(h => h.Match));
    }

    [Fact]
    public async Task Likely_duplicates_are_the_same_pnc_or_the_same_name_and_date_of_birth_in_the_force_only()
    {
        var samePnc = await AddAsync("XA", new PersonName("Dee", "Other"), pnc: "99/7654321Z");
        var sameName = await AddAsync("XA", new PersonName("Zoë", "O'Testperson"));
        await AddAsync("XB", new PersonName("Zoe", "OTestperson"), pnc: "99/7654321Z");
        await AddAsync("XA", new PersonName("Zoe", "OTestperson"), dateOfBirth: new DateOnly(1991, 1, 1));

        var candidate = Details(new PersonName("ZOE", "otestperson"), [], new DateOnly(1990, 6, 15), "99/7654321Z");
        var duplicates = await _database.InTransactionAsync(s => _index.FindLikelyDuplicatesAsync(s, "XA", candidate), CancellationToken.None);

        Assert.Equal(new[] { samePnc, sameName }.Order(StringComparer.Ordinal), duplicates.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_backfill_indexes_nominals_written_before_the_index_existed_and_only_those()
    {
        var unindexed = await AddAsync("XA", new PersonName("Eve", "Testperson"), index: false);
        var indexed = await AddAsync("XA", new PersonName("Fay", "Testperson"));
        Assert.Equal([indexed], await SearchAsync("XA", "testperson"));

        Assert.Equal(1, await _index.BackfillAsync(_database, CancellationToken.None, batchSize: 1));

        Assert.Equal([indexed, unindexed], await SearchAsync("XA", "testperson"));
        Assert.Equal(0, await _index.BackfillAsync(_database, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_a_nominals_keys_takes_it_out_of_searches()
    {
        var id = await AddAsync("XA", new PersonName("Gus", "Testperson"));
        await _database.InTransactionAsync(async s =>
        {
            await _index.RemoveAsync(s, id);
            return 0;
        }, CancellationToken.None);

        Assert.Empty(await SearchAsync("XA", "testperson"));
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominal_name_keys WHERE nominal_id = @id", new { id }));
    }

    private async Task<List<string>> SearchAsync(string force, string name) =>
        (await SearchHitsAsync(force, name)).Select(h => h.Nominal.Id).ToList();

    private Task<IReadOnlyList<NominalSearchHit>> SearchHitsAsync(string force, string name)
    {
        var criteria = NominalSearchRequestValidation.Validate(new SearchNominalsRequest { Name = name });
        return _database.InTransactionAsync(s => _index.SearchAsync(s, force, criteria, null, 100), CancellationToken.None);
    }

    private async Task<string> AddAsync(
        string force, PersonName name, IReadOnlyList<PersonName>? aliases = null, string pnc = "", DateOnly? dateOfBirth = null, bool index = true)
    {
        // Ids increase with creation, as UUIDv7 do: "newest first" is by id.
        var id = new Guid($"00000000-0000-7000-8000-{Interlocked.Increment(ref _sequence):D12}").ToString("D");
        var now = DateTimeOffset.UtcNow;
        var record = new NominalRecord(id, force, Details(name, aliases ?? [], dateOfBirth ?? new DateOnly(1990, 6, 15), pnc),
            ManagementStatus.Pending, now, now, 1, NominalManagement.None);
        await _database.InTransactionAsync(async s =>
        {
            await _store.InsertAsync(s, record);
            if (index)
            {
                await _index.IndexAsync(s, record);
            }
            return 0;
        }, CancellationToken.None);
        return id;
    }

    private static NominalDetails Details(PersonName name, IReadOnlyList<PersonName> aliases, DateOnly dateOfBirth, string pnc) =>
        new(name, aliases, dateOfBirth, Gender.Unknown, pnc, "", NominalCategory.PotentiallyDangerousPerson, []);
}
