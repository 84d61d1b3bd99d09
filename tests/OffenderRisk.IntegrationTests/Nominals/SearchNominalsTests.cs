using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.SearchTestData;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>SearchNominals through the gateway: names, aliases, sound, identifiers, force scoping, paging, audit.</summary>
[Collection(SuiteCollection.Name)]
public sealed class SearchNominalsTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Client => new(suite.Channel);

    private async Task<Nominal> CreateAsync(string force, Nominal nominal) =>
        (await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(force, "PC-S001", RoleSets.Mosovo))).Nominal;

    private async Task<SearchNominalsResponse> SearchAsync(string force, SearchNominalsRequest request) =>
        await Client.SearchNominalsAsync(request, suite.As(force, "PC-S002", RoleSets.Officer));

    private async Task<List<(string Name, MatchKind Kind)>> SearchNameAsync(string force, string name) =>
        (await SearchAsync(force, new SearchNominalsRequest { Name = name })).Results.Select(r => (r.Nominal.Name, r.MatchKind)).ToList();

    [Fact]
    public async Task A_name_search_finds_the_primary_name_and_aliases_and_says_which_matched()
    {
        var force = TestData.NewForce();
        var byAlias = await CreateAsync(force, Person("Alpha", "Testperson", aliases: ("Bravo", "Quillfeather")));
        var byName = await CreateAsync(force, Person("Charlie", "Quillfeather"));

        var found = await SearchNameAsync(force, "quillfeather");

        Assert.Equal([(byName.Name, MatchKind.ExactName), (byAlias.Name, MatchKind.Alias)], found);
        Assert.Equal([(byAlias.Name, MatchKind.Alias)], await SearchNameAsync(force, "Bravo Quillfeather"));
    }

    [Fact]
    public async Task Every_searched_word_must_match_the_same_name()
    {
        var force = TestData.NewForce();
        var created = await CreateAsync(force, Person("Delta", "Testperson", aliases: ("Echo", "Wrenfield")));

        Assert.Equal([(created.Name, MatchKind.ExactName)], await SearchNameAsync(force, "delta testperson"));
        Assert.Empty(await SearchNameAsync(force, "delta wrenfield"));
    }

    [Fact]
    public async Task Case_and_diacritics_and_apostrophes_are_ignored()
    {
        var force = TestData.NewForce();
        var zoe = await CreateAsync(force, Person("Zoë", "Ó'Testperson"));
        var plain = await CreateAsync(force, Person("ZOE", "ABLETESTER"));

        Assert.Equal([(zoe.Name, MatchKind.ExactName)], await SearchNameAsync(force, "zoe otestperson"));
        Assert.Equal([(zoe.Name, MatchKind.ExactName)], await SearchNameAsync(force, "ZOË Ó'TESTPERSON"));
        Assert.Equal([(plain.Name, MatchKind.ExactName)], await SearchNameAsync(force, "Zoë Abletester"));
    }

    [Fact]
    public async Task A_misspelt_name_is_found_by_sound_after_the_exact_matches()
    {
        var force = TestData.NewForce();
        var smyth = await CreateAsync(force, Person("Jonathan", "Smyth"));
        var smith = await CreateAsync(force, Person("Jonathon", "Smith"));
        var thompson = await CreateAsync(force, Person("Foxtrot", "Thompson"));
        await CreateAsync(force, Person("Golf", "Jones"));

        Assert.Equal([(smith.Name, MatchKind.ExactName), (smyth.Name, MatchKind.Phonetic)], await SearchNameAsync(force, "Jonathon Smith"));
        Assert.Equal([(thompson.Name, MatchKind.Phonetic)], await SearchNameAsync(force, "Tomson"));
        Assert.Empty(await SearchNameAsync(force, "Quentin"));
    }

    [Fact]
    public async Task Date_of_birth_pnc_id_and_visor_reference_each_find_the_nominal_and_combine_with_and()
    {
        var force = TestData.NewForce();
        var first = await CreateAsync(force, Person("Hotel", "Testperson", birthYear: 1971, pncId: "71/1111111A", visorReference: "SRCH/0001"));
        var second = await CreateAsync(force, Person("India", "Testperson", birthYear: 1972, pncId: "72/2222222B", visorReference: "SRCH/0002"));

        async Task<List<string>> Names(SearchNominalsRequest request) =>
            (await SearchAsync(force, request)).Results.Select(r => r.Nominal.Name).ToList();

        Assert.Equal([first.Name], await Names(new SearchNominalsRequest { DateOfBirth = BornIn(1971) }));
        Assert.Equal([second.Name], await Names(new SearchNominalsRequest { PncId = "72/2222222b" }));
        Assert.Equal([first.Name], await Names(new SearchNominalsRequest { VisorReference = "srch/0001" }));
        Assert.Equal([second.Name], await Names(new SearchNominalsRequest { Name = "testperson", DateOfBirth = BornIn(1972) }));
        Assert.Empty(await Names(new SearchNominalsRequest { PncId = "71/1111111A", DateOfBirth = BornIn(1972) }));
        var identifierOnly = await SearchAsync(force, new SearchNominalsRequest { PncId = "71/1111111A" });
        Assert.Equal(MatchKind.Identifier, identifierOnly.Results.Single().MatchKind);
    }

    [Fact]
    public async Task Force_scoping_another_forces_identical_nominal_never_appears()
    {
        var mine = TestData.NewForce();
        var theirs = TestData.NewForce();
        var nominal = Person("Juliet", "Testperson", birthYear: 1973, pncId: "73/3333333C", visorReference: "SRCH/0003");
        var own = await CreateAsync(mine, nominal);
        await CreateAsync(theirs, nominal);

        foreach (var request in new[]
        {
            new SearchNominalsRequest { Name = "juliet testperson" },
            new SearchNominalsRequest { Name = "Juliett Testpersen" },
            new SearchNominalsRequest { DateOfBirth = BornIn(1973) },
            new SearchNominalsRequest { PncId = "73/3333333C" },
            new SearchNominalsRequest { VisorReference = "SRCH/0003" },
        })
        {
            var results = (await SearchAsync(mine, request)).Results;
            Assert.Equal([own.Name], results.Select(r => r.Nominal.Name));
            Assert.All(results, r => Assert.Equal(mine, r.Nominal.ForceCode));
        }
    }

    [Fact]
    public async Task Results_page_with_next_page_token_in_match_order_without_repeats()
    {
        var force = TestData.NewForce();
        var exact = new List<string>();
        foreach (var given in new[] { "Kilo", "Lima", "Mike" })
        {
            exact.Add((await CreateAsync(force, Person(given, "Pagetester"))).Name);
        }
        var phonetic = (await CreateAsync(force, Person("November", "Pagetestor"))).Name;
        var alias = (await CreateAsync(force, Person("Oscar", "Other", aliases: ("", "Pagetester")))).Name;

        var seen = new List<(string, MatchKind)>();
        var request = new SearchNominalsRequest { Name = "pagetester", PageSize = 2 };
        var pages = 0;
        do
        {
            var page = await SearchAsync(force, request);
            Assert.True(page.Results.Count <= 2);
            seen.AddRange(page.Results.Select(r => (r.Nominal.Name, r.MatchKind)));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(
            exact.AsEnumerable().Reverse().Select(n => (n, MatchKind.ExactName))
                .Append((alias, MatchKind.Alias)).Append((phonetic, MatchKind.Phonetic)),
            seen);
    }

    [Fact]
    public async Task A_page_token_from_another_query_or_force_is_invalid_argument()
    {
        var force = TestData.NewForce();
        await CreateAsync(force, Person("Papa", "Tokentester"));
        await CreateAsync(force, Person("Quebec", "Tokentester"));
        var page = await SearchAsync(force, new SearchNominalsRequest { Name = "tokentester", PageSize = 1 });
        Assert.NotEmpty(page.NextPageToken);

        var otherQuery = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => SearchAsync(force, new SearchNominalsRequest { Name = "papa", PageSize = 1, PageToken = page.NextPageToken }));
        var otherForce = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => SearchAsync(TestData.NewForce(), new SearchNominalsRequest { Name = "tokentester", PageSize = 1, PageToken = page.NextPageToken }));
        Assert.Contains("page_token", otherQuery.ViolatedFields());
        Assert.Contains("page_token", otherForce.ViolatedFields());
    }

    [Fact]
    public async Task R_AU1_each_search_writes_one_consultation_entry_on_the_collection()
    {
        var force = TestData.NewForce();
        await CreateAsync(force, Person("Romeo", "Audittester"));
        var before = (await AuditEntriesAsync(suite, force)).Count;

        await SearchAsync(force, new SearchNominalsRequest { Name = "audittester" });

        var entries = await AuditEntriesAsync(suite, force);
        Assert.Equal(before + 1, entries.Count);
        var entry = entries[^1];
        Assert.Equal((long)AuditOperation.Consultation, entry.Operation);
        Assert.Equal("nominals", entry.Subject);
        Assert.Equal(force, entry.SubjectForce);
        Assert.Equal("PC-S002", entry.Actor);
        Assert.Equal("/offenderrisk.nominals.v1.NominalsService/SearchNominals", entry.RpcMethod);
    }

    [Fact]
    public async Task A_search_without_any_criterion_is_invalid_argument_and_not_audited()
    {
        var force = TestData.NewForce();

        var none = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => SearchAsync(force, new SearchNominalsRequest { PageSize = 5 }));
        var malformed = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => SearchAsync(force, new SearchNominalsRequest { PncId = "12345", VisorReference = "?" }));

        Assert.Equal(["name"], none.ViolatedFields());
        Assert.Equal(["pnc_id", "visor_reference"], malformed.ViolatedFields());
        Assert.Empty(await AuditEntriesAsync(suite, force));
    }

    [Fact]
    public async Task A_renamed_nominal_is_found_by_its_new_name_only()
    {
        var force = TestData.NewForce();
        var created = await CreateAsync(force, Person("Sierra", "Oldnametester"));
        var change = created.Clone();
        change.PrimaryName.FamilyName = "Newnametester";

        await Client.UpdateNominalAsync(
            new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "primary_name" } } },
            suite.As(force, "PC-S001", RoleSets.Mosovo));

        Assert.Equal([(created.Name, MatchKind.ExactName)], await SearchNameAsync(force, "newnametester"));
        Assert.Empty(await SearchNameAsync(force, "oldnametester"));
    }

    [Fact]
    public async Task A_transferred_nominal_is_found_by_the_receiving_force_and_no_longer_by_the_sending_one()
    {
        var sending = TestData.NewForce();
        var receiving = TestData.NewForce();
        var created = await CreateAsync(sending, Person("Victor", "Movetester", pncId: "74/4444444D"));
        var transfer = (await Client.StartTransferAsync(
            new StartTransferRequest { Name = created.Name, ReceivingForce = receiving, Reason = "Moved address", Etag = created.Etag },
            suite.As(sending, "PC-S001", RoleSets.Mosovo))).Transfer;

        await Client.AcceptTransferAsync(new AcceptTransferRequest { Name = transfer.Name }, suite.As(receiving, "SG-S003", RoleSets.Supervisor));

        Assert.Equal([(created.Name, MatchKind.ExactName)], await SearchNameAsync(receiving, "victor movetester"));
        Assert.Equal([created.Name], (await SearchAsync(receiving, new SearchNominalsRequest { PncId = "74/4444444D" })).Results.Select(r => r.Nominal.Name));
        Assert.Empty(await SearchNameAsync(sending, "victor movetester"));
        Assert.Empty((await SearchAsync(sending, new SearchNominalsRequest { PncId = "74/4444444D" })).Results);
    }

    [Fact]
    public async Task R_AU1_an_erased_nominal_leaves_no_search_keys_and_is_not_found()
    {
        var force = TestData.NewForce();
        var created = await CreateAsync(force, Person("Whiskey", "Erasetester"));

        await Client.EraseNominalAsync(new EraseNominalRequest { Name = created.Name, Reason = "Recorded in error" },
            suite.As(force, "AU-S004", RoleSets.Auditor));

        Assert.Empty(await SearchNameAsync(force, "erasetester"));
        await using var db = await suite.Storage.OpenAsync("nominals");
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM nominal_name_keys WHERE nominal_id = @id", new { id = created.Name["nominals/".Length..] }));
    }

    [Fact]
    public async Task A_nominal_written_before_the_search_index_existed_is_indexed_at_the_next_start()
    {
        var force = TestData.NewForce();
        var id = Guid.CreateVersion7().ToString("D");
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = await suite.Storage.OpenAsync("nominals"))
        {
            // A row as V0001 wrote it, with no search keys.
            await db.ExecuteAsync(
                """
                INSERT INTO nominals (id, force_code, given_names, family_name, aliases, date_of_birth, gender, pnc_id, visor_reference,
                    category, management_status, create_time, update_time, version)
                VALUES (@id, @force, 'Xray', 'Backfilltester', '[]', '1975-05-05', 0, '', '', 3, 1, @now, @now, 1)
                """, new { id, force, now });
        }
        Assert.Empty(await SearchNameAsync(force, "backfilltester"));

        await suite.RestartServiceAsync("nominals");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<(string Name, MatchKind Kind)> found;
        while ((found = await SearchNameAsync(force, "backfilltester")).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal([("nominals/" + id, MatchKind.ExactName)], found);
    }

    [Fact]
    public async Task Search_keys_are_kept_in_the_index_table_for_the_nominal_and_its_force()
    {
        var force = TestData.NewForce();
        var created = await CreateAsync(force, Person("Tango", "Keytester", aliases: ("Uniform", "Aliastester")));
        var id = created.Name["nominals/".Length..];

        await using var db = await suite.Storage.OpenAsync("nominals");
        var keys = (await db.QueryAsync<(string ForceCode, long NameIndex, string KeyKind, string NameKey)>(
            "SELECT force_code, name_index, key_kind, name_key FROM nominal_name_keys WHERE nominal_id = @id", new { id })).ToList();

        Assert.All(keys, k => Assert.Equal(force, k.ForceCode));
        Assert.Contains((force, 0L, "W", "KEYTESTER"), keys);
        Assert.Contains((force, 1L, "W", "ALIASTESTER"), keys);
        Assert.Contains((force, 0L, "F", "TANGO KEYTESTER"), keys);
        Assert.Contains(keys, k => k.KeyKind == "P");
    }
}
