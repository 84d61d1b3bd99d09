using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Helpers the intelligence and work queue tests share: clients, fictional intelligence, queue and feed reads.</summary>
public static class IntelligenceScenario
{
    public static IntelligenceService.IntelligenceServiceClient Client(SuiteFixture suite) => new(suite.Channel);

    /// <summary>Obviously fictional intelligence, observed an hour ago.</summary>
    public static Intelligence Intelligence(IntelligenceSource source = IntelligenceSource.HomeVisit, bool harm = false) => new()
    {
        Source = source,
        Text = "Fictional test intelligence: TESTPERSON seen near a test location.",
        ObserveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-1)),
        Location = "1 Test Street, Testtown",
        RiskOfSeriousHarm = harm,
    };

    public static async Task<RecordIntelligenceResponse> RecordAsync(SuiteFixture suite, string nominal, CallOptions asRecorder, bool harm = false) =>
        await Client(suite).RecordIntelligenceAsync(new RecordIntelligenceRequest { Parent = nominal, Intelligence = Intelligence(harm: harm) }, asRecorder);

    /// <summary>Every item of one queue, all pages.</summary>
    public static async Task<List<WorkItem>> QueueAsync(SuiteFixture suite, CallOptions caller, WorkQueue queue = WorkQueue.Unspecified,
        WorkItemState state = WorkItemState.Unspecified, int pageSize = 50)
    {
        var all = new List<WorkItem>();
        var token = "";
        do
        {
            var page = await Client(suite).ListWorkItemsAsync(new ListWorkItemsRequest { Queue = queue, State = state, PageSize = pageSize, PageToken = token }, caller);
            all.AddRange(page.WorkItems);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>The change feed's events about one nominal, read as a supervisor of its force.</summary>
    public static async Task<List<NominalEvent>> EventsForAsync(SuiteFixture suite, NominalScenario s, string nominal)
    {
        var events = new List<NominalEvent>();
        long after = 0;
        while (true)
        {
            var page = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { AfterSequence = after, PageSize = 500 }, s.AsSupervisor);
            events.AddRange(page.Events.Where(e => e.Nominal == nominal));
            if (page.Events.Count == 0)
            {
                return events;
            }
            after = page.LastSequence;
        }
    }

    public static async Task<long> CountAsync(SuiteFixture suite, string sql, object parameters)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return await db.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static string Id(string nominalName) => nominalName["nominals/".Length..];
}
