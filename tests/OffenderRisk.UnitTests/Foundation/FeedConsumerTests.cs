using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The one feed consumer, generic over its source: the nominals feed and the assessments feed are
/// followed by the same code, each pass applying unseen events once and committing the page's last
/// sequence, with each feed's applied position kept apart in the service's own database.
/// </summary>
public sealed class FeedConsumerTests : IAsyncLifetime
{
    private const string ConsumerName = "nominals";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"feed-consumer-{Guid.NewGuid():N}.db");
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        await SchemaMigrator.MigrateAsync(_database, SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task The_same_consumer_follows_the_nominals_feed_and_the_assessments_feed_each_event_applied_once()
    {
        var nominals = new PageSource<NominalEventType>("nominals",
            [Event(1, NominalEventType.Erased), Event(2, NominalEventType.MappaLevelChanged), Event(3, NominalEventType.Erased)]);
        var assessments = new PageSource<AssessmentEventType>("assessments",
            [Event(1, AssessmentEventType.Countersigned), Event(2, AssessmentEventType.Countersigned)]);
        var erasures = new Recorder<NominalEventType>(NominalEventType.Erased);
        var countersigned = new Recorder<AssessmentEventType>(AssessmentEventType.Countersigned);

        Assert.Equal(3, await Consumer(nominals, erasures).PassAsync(CancellationToken.None));
        Assert.Equal(2, await Consumer(assessments, countersigned).PassAsync(CancellationToken.None));
        // The same pages again (a commit lost on the way back): nothing is applied twice.
        await Consumer(nominals, erasures).PassAsync(CancellationToken.None);
        await Consumer(assessments, countersigned).PassAsync(CancellationToken.None);

        Assert.Equal([1L, 3L], erasures.Applied);
        Assert.Equal([1L, 2L], countersigned.Applied);
        Assert.Equal([3L, 3L], nominals.Commits);
        Assert.Equal([2L, 2L], assessments.Commits);
        Assert.Equal(3, await PositionAsync("nominals"));
        Assert.Equal(2, await PositionAsync("assessments"));
    }

    [Fact]
    public async Task A_handler_that_fails_holds_the_feed_nothing_is_committed_or_recorded_as_applied()
    {
        var source = new PageSource<AssessmentEventType>("assessments", [Event(4, AssessmentEventType.Countersigned)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Consumer(source, new Failing()).PassAsync(CancellationToken.None));

        Assert.Empty(source.Commits);
        Assert.Equal(0, await PositionAsync("assessments"));
    }

    private static FeedEvent<T> Event<T>(long sequence, T type) where T : struct, Enum =>
        new(sequence, type, "019a0000-0000-7000-8000-000000000001", "XA", new Dictionary<string, string>(), "r-" + sequence);

    private FeedConsumer<T> Consumer<T>(IFeedSource<T> source, IFeedHandler<T> handler) where T : struct, Enum
    {
        var options = new ServiceCollection();
        options.AddOptions<FeedConsumerOptions>(source.Feed).Configure(o => o.Consumer = ConsumerName);
        return new FeedConsumer<T>(source, _database, [handler],
            options.BuildServiceProvider().GetRequiredService<IOptionsMonitor<FeedConsumerOptions>>(), TimeProvider.System,
            NullLogger<FeedConsumer<T>>.Instance);
    }

    private Task<long> PositionAsync(string feed) =>
        _database.ReadAsync(s => FeedPositions.AppliedPositionAsync(s, feed, ConsumerName), CancellationToken.None);

    /// <summary>A source that serves the same page every time and records the commits.</summary>
    private sealed class PageSource<T>(string feed, IReadOnlyList<FeedEvent<T>> page) : IFeedSource<T> where T : struct, Enum
    {
        public List<long> Commits { get; } = [];

        public string Feed => feed;

        public Task<IReadOnlyList<FeedEvent<T>>> ReadAsync(string consumer, int pageSize, TimeSpan deadline, CancellationToken ct) =>
            Task.FromResult(page);

        public Task CommitAsync(string consumer, long sequence, TimeSpan deadline, CancellationToken ct)
        {
            Assert.Equal(ConsumerName, consumer);
            Commits.Add(sequence);
            return Task.CompletedTask;
        }
    }

    private sealed class Recorder<T>(T handled) : IFeedHandler<T> where T : struct, Enum
    {
        public List<long> Applied { get; } = [];

        public bool Handles(T type) => EqualityComparer<T>.Default.Equals(type, handled);

        public Task ApplyAsync(Session session, FeedEvent<T> e)
        {
            Applied.Add(e.Sequence);
            return Task.CompletedTask;
        }
    }

    private sealed class Failing : IFeedHandler<AssessmentEventType>
    {
        public bool Handles(AssessmentEventType type) => true;

        public Task ApplyAsync(Session session, FeedEvent<AssessmentEventType> e) => throw new InvalidOperationException("a broken event");
    }
}
