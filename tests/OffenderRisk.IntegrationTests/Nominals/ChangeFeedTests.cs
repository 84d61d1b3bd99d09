using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>The change feed is ordered and resumable; consumers keep their position across restarts.</summary>
[Collection(SuiteCollection.Name)]
public sealed class ChangeFeedTests(SuiteFixture suite)
{
    [Fact]
    public async Task Events_come_in_order_and_a_named_consumer_resumes_after_a_service_restart()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var consumer = "test-consumer-" + Guid.NewGuid().ToString("N")[..8];
        var feedReader = suite.As(s.Force, "SVC-FEED", ["service"]);
        var current = nominal;
        for (var level = 1; level <= 3; level++)
        {
            current = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = level, Reason = "r", Etag = current.Etag }, s.AsOfficer)).Nominal;
        }

        var first = await ReadAllForAsync(s.Client, nominal.Name, feedReader);
        // Each new level also raises its MAPPA review obligation (R-MR2), announced on the feed too.
        var levels = first.Events.Where(e => e.Type == NominalEventType.MappaLevelChanged).ToList();
        Assert.Equal(new[] { "1", "2", "3" }, levels.Select(e => e.Attributes["mappa_level"]));
        Assert.True(first.Events.Zip(first.Events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        await s.Client.CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = consumer, Sequence = levels[1].Sequence }, feedReader);

        await suite.RestartServiceAsync("nominals");

        var resumed = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { Consumer = consumer, PageSize = 500 }, suite.As(s.Force, "SVC-FEED", ["service"]));
        var mine = resumed.Events.Where(e => e.Nominal == nominal.Name && e.Type == NominalEventType.MappaLevelChanged).ToList();
        Assert.Equal("3", Assert.Single(mine).Attributes["mappa_level"]);
        Assert.True(resumed.Events.All(e => e.Sequence > levels[1].Sequence));
    }

    [Fact]
    public async Task Watch_streams_new_events_as_they_are_written()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = s.Client.WatchNominalEvents(new WatchNominalEventsRequest(), suite.As(s.Force, "SUP-W", ["supervisor"]));

        await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 2, Level = 2, Reason = "r", Etag = nominal.Etag }, s.AsOfficer);

        NominalEvent? seen = null;
        while (seen is null && await watch.ResponseStream.MoveNext(cts.Token))
        {
            if (watch.ResponseStream.Current.Event.Nominal == nominal.Name)
            {
                seen = watch.ResponseStream.Current.Event;
            }
        }
        Assert.NotNull(seen);
        Assert.Equal(NominalEventType.MappaLevelChanged, seen!.Type);
    }

    [Fact]
    public async Task People_see_only_their_own_forces_events()
    {
        var (mine, nominal) = await NominalScenario.CreateAsync(suite);
        await mine.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = 1, Reason = "r", Etag = nominal.Etag }, mine.AsOfficer);
        var other = TestData.NewForce();
        var ownView = await mine.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, mine.AsSupervisor);
        var sequence = Assert.Single(ownView.Events, e => e.Nominal == nominal.Name && e.Type == NominalEventType.MappaLevelChanged).Sequence;

        var theirView = await mine.Client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = sequence - 1, PageSize = 500 }, suite.As(other, "SUP-OTHER", ["supervisor"]));
        var serviceView = await mine.Client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = sequence - 1, PageSize = 1 }, suite.As(other, "SVC-1", ["service"]));

        Assert.DoesNotContain(theirView.Events, e => e.Nominal == nominal.Name);
        Assert.All(theirView.Events, e => Assert.Equal(other, e.ForceCode));
        Assert.Equal(nominal.Name, Assert.Single(serviceView.Events).Nominal);
    }

    [Fact]
    public async Task The_feed_is_not_for_officers()
    {
        var (s, _) = await NominalScenario.CreateAsync(suite);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => s.Client.ListNominalEventsAsync(new ListNominalEventsRequest(), s.AsOfficer).ResponseAsync);
    }

    private static async Task<(List<NominalEvent> Events, long Last)> ReadAllForAsync(NominalsService.NominalsServiceClient client, string nominal, CallOptions options)
    {
        var events = new List<NominalEvent>();
        long after = 0;
        while (true)
        {
            var page = await client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = after, PageSize = 500 }, options);
            events.AddRange(page.Events.Where(e => e.Nominal == nominal));
            if (page.Events.Count == 0)
            {
                return (events, after);
            }
            after = page.LastSequence;
        }
    }
}
