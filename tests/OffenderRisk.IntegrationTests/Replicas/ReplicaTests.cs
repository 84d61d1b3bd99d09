using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.IdentityChecks;
using OffenderRisk.IntegrationTests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace OffenderRisk.IntegrationTests.Replicas;

/// <summary>
/// Two replicas of every service on one PostgreSQL database behind the gateway behave as one
/// (issue 11): each case sends its concurrent attempts straight to different replicas, so that
/// what holds cannot be a lock inside one process.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaTests(ReplicatedSuiteFixture suite)
{
    [ReplicaFact]
    public async Task AIP_155_the_same_request_id_sent_to_two_replicas_at_once_creates_one_nominal()
    {
        var force = TestData.NewForce();
        using var replicas = new ReplicaChannels(suite, "nominals");
        var request = new CreateNominalRequest { Nominal = TestData.Nominal(), RequestId = Guid.NewGuid().ToString() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            new NominalsService.NominalsServiceClient(replicas.InTurn(i)).CreateNominalAsync(request, suite.As(force, "PC-REPLICA-1", RoleSets.Mosovo)).ResponseAsync));

        Assert.Single(answers.Select(a => a.Nominal.Name).Distinct());
        var listed = await new NominalsService.NominalsServiceClient(suite.Channel).ListNominalsAsync(new ListNominalsRequest(), suite.As(force, "PC-REPLICA-1", RoleSets.Mosovo));
        Assert.Single(listed.Nominals);
    }

    [ReplicaFact]
    public async Task AIP_154_one_etag_sent_to_two_replicas_at_once_lets_exactly_one_update_through()
    {
        var force = TestData.NewForce();
        using var replicas = new ReplicaChannels(suite, "nominals");
        var options = suite.As(force, "PC-REPLICA-2", RoleSets.Mosovo);
        var current = (await new NominalsService.NominalsServiceClient(replicas[0]).CreateNominalAsync(
            new CreateNominalRequest { Nominal = TestData.Nominal() }, options)).Nominal;

        for (var round = 0; round < 3; round++)
        {
            var read = current;
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
            {
                var change = read.Clone();
                change.VisorReference = $"TEST/{round}{i}00";
                try
                {
                    return (await new NominalsService.NominalsServiceClient(replicas[i]).UpdateNominalAsync(
                        new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "visor_reference" } } }, options)).Nominal;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Aborted && e.ErrorInfo().Reason == "ETAG_MISMATCH")
                {
                    return null;
                }
            }));

            var winner = Assert.Single(outcomes, o => o is not null)!;
            current = (await new NominalsService.NominalsServiceClient(replicas[1 - Array.IndexOf(outcomes, winner)]).GetNominalAsync(
                new GetNominalRequest { Name = read.Name }, options)).Nominal;
            Assert.Equal(winner.VisorReference, current.VisorReference);
            Assert.Equal(winner.Etag, current.Etag);
        }
    }

    [ReplicaFact]
    public async Task R_IC5_marker_requests_created_at_both_replicas_are_each_delivered_exactly_once_by_the_two_outbox_workers()
    {
        using var replicas = new ReplicaChannels(suite, IdentityScenario.Service);
        var created = new List<(IdentityScenario Scenario, MarkerRequest Marker)>();
        for (var i = 0; i < 6; i++)
        {
            var s = await IdentityScenario.CreateAsync(suite);
            var marker = new MarkerRequest
            {
                Nominal = s.Nominal.Name, Agency = Agency.Dvla, Ground = EnquiryGround.OverseasTravelLikelyToOffend, DrivingLicenceNumber = "TESTP801010AA9AA",
            };
            var answer = await new MarkerRequestsService.MarkerRequestsServiceClient(replicas.InTurn(i)).CreateMarkerRequestAsync(
                new CreateMarkerRequestRequest { MarkerRequest = marker, RequestId = Guid.NewGuid().ToString() }, s.AsOfficer);
            created.Add((s, answer.MarkerRequest));
        }

        foreach (var (s, marker) in created)
        {
            var done = await s.WaitForMarkerAsync(marker.Name, m => m.State != MarkerRequestState.Pending, TimeSpan.FromSeconds(30));
            Assert.Equal(MarkerRequestState.Delivered, done.State);
        }
        // Both workers kept polling meanwhile: a second delivery would have been made by now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(created, c => Assert.Single(suite.Agencies["dvla"].FindDeliveries(c.Marker.IdempotencyKey, "/dvla/v1/markers")));
    }

    [ReplicaFact]
    public async Task R_IC3_the_agency_rate_limit_holds_across_replicas_not_per_process()
    {
        // The profile runs HMPO with 4 calls a minute (ReplicatedSuiteFixture); no other test here asks HMPO.
        using var replicas = new ReplicaChannels(suite, IdentityScenario.Service);
        var s = await IdentityScenario.CreateAsync(suite);
        var numbers = Enumerable.Range(0, 8).Select(i => $"99{Random.Shared.Next(1_000_000, 9_999_999)}").Distinct().ToList();

        var outcomes = await Task.WhenAll(numbers.Select(async (number, i) =>
        {
            try
            {
                await new IdentityEnquiriesService.IdentityEnquiriesServiceClient(replicas.InTurn(i)).LookupPassportAsync(
                    new LookupPassportRequest { Nominal = s.Nominal.Name, PassportNumber = number, Ground = EnquiryGround.OverseasTravelLikelyToOffend }, s.AsOfficer);
                return (number, refused: false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && e.Status.Detail.Contains("R-IC3", StringComparison.Ordinal))
            {
                return (number, refused: true);
            }
        }));

        Assert.Equal(ReplicatedSuiteFixture.HmpoPermitLimit, outcomes.Count(o => !o.refused));
        Assert.Equal(numbers.Count - ReplicatedSuiteFixture.HmpoPermitLimit, outcomes.Count(o => o.refused));
        var reachedHmpo = suite.Agencies["hmpo"].Server.LogEntries.Count(e => numbers.Any(n => (e.RequestMessage.Body ?? "").Contains(n, StringComparison.Ordinal)));
        Assert.Equal(ReplicatedSuiteFixture.HmpoPermitLimit, reachedHmpo);
    }

    [ReplicaFact]
    public async Task R_IC3_the_same_enquiry_at_two_replicas_at_once_asks_the_agency_once()
    {
        // A PNC person of this test's own that answers after 1.5 s, so that the two enquiries overlap.
        var slowPerson = UniqueIds.PncId();
        suite.Agencies["pnc"].Server
            .Given(Request.Create().WithPath("/pnc/v1/persons/lookup").UsingPost().WithBody(new JsonPartialMatcher(new { pncId = slowPerson })))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithDelay(TimeSpan.FromMilliseconds(1500)).WithBodyAsJson(new
            {
                synthetic = true, pncId = slowPerson, croNumber = "000409/99S", recordStatus = "ACTIVE",
                person = new { surname = "TESTPERSON", forenames = new[] { "Replica" }, dateOfBirth = "1984-08-09", sex = "NOT_KNOWN", placeOfBirth = "TESTTOWN" },
                aliases = Array.Empty<object>(), mergedRecords = Array.Empty<object>(), warningSignals = Array.Empty<object>(), wantedOrMissing = false,
                lastUpdated = "2025-01-15T09:30:00Z",
            }));
        using var replicas = new ReplicaChannels(suite, IdentityScenario.Service);
        var s = await IdentityScenario.CreateAsync(suite);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            new IdentityEnquiriesService.IdentityEnquiriesServiceClient(replicas[i]).LookupPncPersonAsync(
                new LookupPncPersonRequest { Nominal = s.Nominal.Name, PncId = slowPerson }, s.AsOfficerWithin(TimeSpan.FromSeconds(60))).ResponseAsync));

        // One enquiry asked PNC (its adapter retries an attempt that outlasts its timeout on a
        // loaded machine: still one enquiry, one disclosure); the other replica waited for that
        // answer and reused it instead of asking again.
        Assert.NotEmpty(s.Requests("pnc", "/pnc/v1/persons/lookup", slowPerson));
        Assert.Single(answers.Select(a => a.Provenance.Enquiry).Distinct());
        Assert.Single(answers, a => a.Provenance.Deduplicated);
        Assert.True(answers.All(a => a.Found));
        Assert.Equal(answers[0].Person, answers[1].Person);
        Assert.Single(await s.AuditAsync(s.Nominal.Name), a => a.Operation == (long)AuditOperation.Disclosure && a.Recipients.SequenceEqual(["agency:pnc"]));
    }

    [ReplicaFact]
    public async Task R_RM5_due_check_sets_run_once_whichever_replica_takes_them()
    {
        var sets = new List<(IdentityScenario Scenario, CheckSet Set)>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < 3; i++)
        {
            var s = await IdentityScenario.CreateAsync(suite, n => n.Gender = Gender.Female);
            await s.Nominals.PlaceOnReactiveAsync(s.Nominal);
            var scheduled = (await s.ScheduledChecks.ScheduleCheckSetAsync(new ScheduleCheckSetRequest
            {
                Nominal = s.Nominal.Name, DueDate = new CalendarDate { Year = today.Year, Month = today.Month, Day = today.Day },
            }, s.AsOfficer)).CheckSet;
            sets.Add((s, scheduled));
        }

        foreach (var (s, scheduled) in sets)
        {
            var set = scheduled;
            await IdentityScenario.EventuallyAsync(async () =>
            {
                set = (await s.ScheduledChecks.GetCheckSetAsync(new GetCheckSetRequest { Name = scheduled.Name }, s.AsOfficer)).CheckSet;
                return set.Checks.Where(c => c.Automated).All(c => c.State == ScheduledCheckState.Done);
            }, TimeSpan.FromSeconds(30), "the automated checks to run");
            // One run: a second run of the same set would have reused (consulted) the first run's
            // answers within the deduplication window. (An agency may be asked again after it failed
            // to answer in time: that is a retry of the one run, not a second run.)
            foreach (var check in set.Checks.Where(c => c.Automated))
            {
                Assert.DoesNotContain(await s.AuditAsync(check.Enquiry), a => a.Operation == (long)AuditOperation.Consultation);
            }
        }
    }

    [ReplicaFact]
    public async Task The_change_feed_stays_gapless_and_ordered_while_both_replicas_write_and_the_committed_position_is_shared()
    {
        var force = TestData.NewForce();
        using var replicas = new ReplicaChannels(suite, "nominals");
        CallOptions Reader() => suite.As(force, "svc:replica-feed-test", ["service"]);
        long after = 0;
        var seen = new List<NominalEvent>();

        CallOptions Officer() => suite.As(force, "PC-REPLICA-3", RoleSets.Mosovo);
        var gateway = new NominalsService.NominalsServiceClient(suite.Channel);
        var nominals = new List<Nominal>();
        for (var i = 0; i < 16; i++)
        {
            nominals.Add((await gateway.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal(familyName: "TESTFEED" + (char)('A' + i)) }, Officer())).Nominal);
        }

        // Each MAPPA level set publishes its events in the writing replica's transaction.
        var writes = Task.WhenAll(nominals.Select((n, i) =>
            new NominalsService.NominalsServiceClient(replicas.InTurn(i)).SetMappaManagementAsync(
                new SetMappaManagementRequest { Name = n.Name, Category = 1, Level = 1, Reason = "replica test", Etag = n.Etag }, Officer()).ResponseAsync));
        // A reader tails the feed while the writes go on, alternating replicas: every page it gets
        // follows on from the last without a gap, so no event ever became visible before an earlier one.
        var reads = 0;
        while (!writes.IsCompleted || reads++ < 3)
        {
            var page = await new NominalsService.NominalsServiceClient(replicas.InTurn(reads)).ListNominalEventsAsync(
                new ListNominalEventsRequest { AfterSequence = after, PageSize = 500 }, Reader());
            Assert.Equal(Enumerable.Range(0, page.Events.Count).Select(k => after + 1 + k), page.Events.Select(e => e.Sequence));
            seen.AddRange(page.Events);
            after = page.Events.Count > 0 ? page.Events[^1].Sequence : after;
        }
        await writes;
        Assert.All(nominals, n => Assert.Single(seen, e => e.Nominal == n.Name && e.Type == NominalEventType.MappaLevelChanged));

        // A consumer's position committed at one replica is where it resumes at the other.
        const string consumer = "replica-feed-test";
        var middle = seen[seen.Count / 2].Sequence;
        await new NominalsService.NominalsServiceClient(replicas[0]).CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = consumer, Sequence = middle }, Reader());
        var resumed = await new NominalsService.NominalsServiceClient(replicas[1]).ListNominalEventsAsync(new ListNominalEventsRequest { Consumer = consumer, PageSize = 1 }, Reader());
        Assert.Equal(middle + 1, Assert.Single(resumed.Events).Sequence);
    }
}
