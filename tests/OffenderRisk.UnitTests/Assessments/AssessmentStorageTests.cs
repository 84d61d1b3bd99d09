using Dapper;
using Microsoft.Data.Sqlite;
using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Assessments.Storage;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>
/// Assessment rows on a real (temporary) SQLite database with the service's migrations: what was
/// computed is read back as stored (R-AS2: a later change of weights never rewrites an old
/// assessment), and a row written before issue 9 still reads, as recorded.
/// </summary>
public sealed class AssessmentStorageTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"assessments-{Guid.NewGuid():N}.db");
    private readonly AssessmentStore _store = new();
    private Database _database = null!;

    public Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    private Task MigrateAsync(int upTo = int.MaxValue) =>
        SchemaMigrator.MigrateAsync(_database,
            SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
                .Concat(SchemaMigrator.Discover(typeof(AssessmentStore).Assembly, "assessments", StorageProvider.Sqlite).Where(m => m.Version <= upTo)),
            CancellationToken.None);

    private Task<T> RunAsync<T>(Func<Session, Task<T>> work) => _database.InTransactionAsync(work, CancellationToken.None);

    [Fact]
    public async Task R_AS2_the_scores_are_read_back_as_stored_with_their_tool_versions_not_recomputed()
    {
        await MigrateAsync();
        var draft = AssessmentLifecycleTests.Draft();
        // As if computed with earlier weights: what is read is what was stored.
        var stored = draft with
        {
            Outcome = draft.Outcome with
            {
                Scores = draft.Outcome.Scores! with { OspDc = draft.Outcome.Scores.OspDc with { Points = 29, Band = RiskLevel.Medium, ToolVersion = "OSP/DC earlier" } },
            },
        };

        await RunAsync(s => _store.InsertAsync(s, stored));
        var read = (await RunAsync(s => _store.FindAsync(s, stored.Id)))!;

        Assert.Equal(29, read.Outcome.Scores!.OspDc.Points);
        Assert.Equal("OSP/DC earlier", read.Outcome.Scores.OspDc.ToolVersion);
        Assert.Equal(OspIndirectContact.ToolVersion, read.Outcome.Scores.OspIic.ToolVersion);
        Assert.Equal(stored.Details.OspInputs, read.Details.OspInputs);
        Assert.Equal(stored.Details.Arms!.Ratings, read.Details.Arms!.Ratings);
        Assert.Equal(stored.Details.GroupLevels, read.Details.GroupLevels);
        Assert.Equal(stored.Details.Victims.VictimIds, read.Details.Victims.VictimIds);
        Assert.Equal(stored.Details.RiskToChildren.InformationSources, read.Details.RiskToChildren.InformationSources);
    }

    [Fact]
    public async Task A_lifecycle_written_through_the_store_reads_back_whole()
    {
        await MigrateAsync();
        var submitted = AssessmentLifecycleTests.Submitted();
        await RunAsync(s => _store.InsertAsync(s, AssessmentLifecycleTests.Draft() with { Id = submitted.Id }));
        var returned = AssessmentLifecycle.Return(submitted, "SGT-2001", "Rate again.", submitted.UpdateTime).Stamped(2, submitted.UpdateTime);

        Assert.True(await RunAsync(s => _store.UpdateAsync(s, returned, 1)));
        Assert.False(await RunAsync(s => _store.UpdateAsync(s, returned, 1)));
        var read = (await RunAsync(s => _store.FindAsync(s, submitted.Id)))!;

        Assert.Equal(AssessmentState.Returned, read.State);
        Assert.Equal(returned.Returns, read.Returns);
        Assert.Equal(returned.SubmitTime, read.SubmitTime);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task An_assessment_written_before_issue_9_reads_as_recorded_and_only_the_latest_countersigned_is_current()
    {
        await MigrateAsync(upTo: 1);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString()))
        {
            const string insert =
                """
                INSERT INTO assessments (id, force_code, nominal_id, tool, tool_outcome, final_level, affected_groups, likelihood, frequency, extent,
                    static_factors, dynamic_factors, override_rationale, override_justification, author, state, countersigned_by, countersign_time,
                    create_time, update_time, version)
                VALUES (@id, 'XA', 'n1', @tool, 2, 3, @groups, 'l', 'f', 'e', '[2]', '[13]', 'why', 'because', 'PC-1', @state, @by, @at,
                    '2025-01-01T10:00:00.0000000+00:00', '2025-01-01T10:00:00.0000000+00:00', 1)
                """;
            await connection.ExecuteAsync(insert, new { id = "a1", tool = 1, groups = "[1,3]", state = 2, by = "SGT-1", at = "2025-01-02T10:00:00.0000000+00:00" });
            await connection.ExecuteAsync(insert, new { id = "a2", tool = 1, groups = "[]", state = 2, by = "SGT-1", at = "2025-02-02T10:00:00.0000000+00:00" });
            await connection.ExecuteAsync(insert, new { id = "a3", tool = 3, groups = "[4]", state = 1, by = (string?)null, at = (string?)null });
        }

        await MigrateAsync();
        var first = (await RunAsync(s => _store.FindAsync(s, "a1")))!;
        var second = (await RunAsync(s => _store.FindAsync(s, "a2")))!;
        var typedOspDc = (await RunAsync(s => _store.FindAsync(s, "a3")))!;

        Assert.True(first.TypedToolOutcome);
        Assert.Equal(AssessmentKind.Arms, first.Kind);
        Assert.Equal(RiskLevel.Medium, first.Outcome.ToolOutcome);
        Assert.Equal(RiskLevel.High, first.Outcome.FinalLevel);
        Assert.True(first.Outcome.Overridden);
        Assert.Null(first.Outcome.Scores);
        Assert.Null(first.Details.OspInputs);
        Assert.Equal([new GroupRisk(AffectedGroup.Children, RiskLevel.High), new GroupRisk(AffectedGroup.Public, RiskLevel.High)], first.Details.GroupLevels);
        Assert.Equal("why", first.Details.OverrideRationale);
        Assert.Equal("a2", first.SupersededBy);
        Assert.True(second.Current);
        Assert.Empty(second.Details.GroupLevels);
        Assert.Equal(AssessmentKind.RiskOfSeriousHarm, typedOspDc.Kind);
        Assert.Equal(AssessmentState.Draft, typedOspDc.State);
        Assert.Equal([new GroupRisk(AffectedGroup.Staff, RiskLevel.High)], typedOspDc.Details.GroupLevels);
    }
}
