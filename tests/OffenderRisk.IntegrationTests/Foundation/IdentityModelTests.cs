using System.Net.Http.Headers;
using System.Security.Claims;
using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;
using static OffenderRisk.IntegrationTests.Nominals.IntelligenceScenario;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>
/// One identity model through the gateway (README "Identity"): roles from the role claim only, a
/// person's token and a service's token each for its own audience, user ids compared in their
/// normal form, feed positions per principal, no token error detail in the challenge.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class IdentityModelTests(SuiteFixture suite)
{
    private const string LongFormRole = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    private CallOptions WithToken(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30));

    [Fact]
    public async Task A_mosovo_officer_token_with_a_long_form_supervisor_role_claim_cannot_open_the_supervisors_queue()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        await RecordAsync(suite, nominal.Name, suite.As(s.Force, "PC-PATROL-7", RoleSets.Officer), harm: true);
        var token = suite.HandMadeToken(
        [
            new Claim("sub", NominalScenario.Officer), new Claim("force", s.Force),
            new Claim("role", "mosovo-officer"), new Claim(LongFormRole, "supervisor"),
        ]);

        var e = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => QueueAsync(suite, WithToken(token), WorkQueue.Supervisors));
        Assert.Equal("NOT_IN_QUEUE", e.ErrorInfo().Reason);
        // Nor does it pass a supervisor policy.
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => s.Client.AcceptTransferAsync(new AcceptTransferRequest { Name = "transfers/" + Guid.NewGuid() }, WithToken(token)).ResponseAsync);
        Assert.NotEmpty(await QueueAsync(suite, s.AsSupervisor, WorkQueue.Supervisors));
    }

    [Fact]
    public async Task A_person_token_claiming_the_service_role_is_unauthenticated_where_only_services_are_allowed()
    {
        var token = suite.HandMadeToken([new Claim("sub", "PC-IMPOSTOR-1"), new Claim("force", TestData.NewForce()), new Claim("role", "service")]);

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => new NominalsService.NominalsServiceClient(suite.Channel)
            .CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = "assessments", Sequence = 0 }, WithToken(token)).ResponseAsync);
    }

    [Fact]
    public async Task A_service_audience_token_carrying_a_person_role_is_unauthenticated()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var token = suite.HandMadeToken(
            [new Claim("sub", "svc:impostor"), new Claim("force", s.Force), new Claim("role", "supervisor")],
            audience: "offenderrisk-services", issuer: "offenderrisk-services");

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, WithToken(token)).ResponseAsync);
    }

    [Fact]
    public async Task A_service_token_reads_as_a_service_but_cannot_act_as_a_person()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var service = suite.As(s.Force, "svc:identity-test", ["service"]);

        Assert.Equal(nominal.Name, (await s.Client.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, service)).Nominal.Name);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => s.Client.ListTransfersAsync(new ListTransfersRequest(), service).ResponseAsync);
    }

    [Fact]
    public async Task The_challenge_for_a_refused_token_through_the_gateway_carries_no_error_detail()
    {
        var token = suite.Token("XA", "PC-FORGER-2", RoleSets.Mosovo);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(suite.Gateway.Address, "/offenderrisk.nominals.v1.NominalsService/ListNominals"))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await http.SendAsync(request);

        // Refused (by the gateway or the service), saying only "Bearer": no error or error_description.
        var refused = response.StatusCode == System.Net.HttpStatusCode.Unauthorized
            || (response.Headers.TryGetValues("grpc-status", out var status) && status.Single() == "16");
        Assert.True(refused, $"the forged token was not refused: {response.StatusCode}");
        var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.DoesNotContain("error", challenge, StringComparison.OrdinalIgnoreCase);
        Assert.True(challenge is "" or "Bearer", challenge);
    }

    [Fact]
    public async Task R_ID2_an_officer_whose_token_spells_their_id_in_lower_case_sees_their_queue()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var recorded = await RecordAsync(suite, nominal.Name, suite.As(s.Force, "PC-PATROL-8", RoleSets.Officer));

        var queue = await QueueAsync(suite, suite.As(s.Force, " " + NominalScenario.Officer.ToLowerInvariant(), RoleSets.Mosovo));

        Assert.Equal(recorded.Name, Assert.Single(queue).Reference);
    }

    [Fact]
    public async Task A_service_principal_cannot_move_another_principals_feed_position()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        await s.ManageAsync(nominal);
        var consumer = "positions-" + Guid.NewGuid().ToString("N")[..8];
        var owner = suite.As(s.Force, "svc:position-owner", ["service"]);
        var intruder = suite.As(TestData.NewForce(), "svc:position-intruder", ["service"]);
        var all = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500, AfterSequence = 0 }, owner);
        var last = all.Events.Count > 0 ? all.Events[^1].Sequence : 0;
        await s.Client.CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = consumer, Sequence = last }, owner);

        // The intruder names the owner's consumer; it moves only a position of its own.
        await s.Client.CommitFeedPositionAsync(new CommitFeedPositionRequest { Consumer = consumer, Sequence = 0 }, intruder);

        var resumed = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { Consumer = consumer, PageSize = 1 }, owner);
        Assert.True(resumed.Events.All(e => e.Sequence > last));
        var fromStart = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { Consumer = consumer, PageSize = 1 }, intruder);
        Assert.Equal(1, Assert.Single(fromStart.Events).Sequence);
    }

    [Fact]
    public async Task A_feed_position_past_the_last_event_is_refused_on_the_sequence_field()
    {
        var (s, _) = await NominalScenario.CreateAsync(suite);
        var service = suite.As(s.Force, "svc:position-past-end", ["service"]);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => s.Client.CommitFeedPositionAsync(
            new CommitFeedPositionRequest { Consumer = "past-end", Sequence = long.MaxValue / 2 }, service).ResponseAsync);

        Assert.Equal(["sequence"], e.ViolatedFields());
    }
}
