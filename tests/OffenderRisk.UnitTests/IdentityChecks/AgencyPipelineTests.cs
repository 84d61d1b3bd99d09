
using System.Net;
using System.Text;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Data.Sqlite;
using OffenderRisk.Platform.Storage;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.UnitTests.IdentityChecks;

/// <summary>
/// The agency adapters with their real resilience pipelines (the service's own registration),
/// over a scripted handler instead of the network, on a fake clock: circuit breaker, retries and
/// Retry-After, the rate limit (R-IC3), and the treatment of untrusted answers.
/// </summary>
public sealed class AgencyPipelineTests : IAsyncLifetime
{
    private const string PersonJson =
        """{"pncId":"99/0000001A","croNumber":"000001/99A","recordStatus":"ACTIVE","person":{"surname":"TESTPERSON","forenames":["Alpha"],"dateOfBirth":"1980-01-01"},"aliases":[],"mergedRecords":[],"warningSignals":[{"code":"ZZ"}],"wantedOrMissing":false}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedHandler _agency = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"agency-pipeline-{Guid.NewGuid():N}.db");
    private ServiceProvider? _provider;
    private Database _database = null!;

    /// <summary>Every call in a test is charged to a fictional force unless the test says otherwise (R-IC3 per-force budgets).</summary>
    public AgencyPipelineTests() => AgencyBudget.ChargeTo("ZZ");

    /// <summary>The service's own database, where the rate limit's call log lives (R-IC3, shared by replicas).</summary>
    public async Task InitializeAsync()
    {
        _database = new Database(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
        var migrations = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite)
            .Concat(SchemaMigrator.Discover(typeof(AgencyCallLog).Assembly, "identity-checks", StorageProvider.Sqlite));
        await SchemaMigrator.MigrateAsync(_database, migrations, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        await _database.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_after_a_good_trial_call()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0", ["CircuitBreaker:MinimumThroughput"] = "2", ["CircuitBreaker:BreakDuration"] = "00:00:30" });
        _agency.Respond = _ => Status(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(AgencyFailureKind.Unavailable, (await Fails(pnc)).Kind);
        Assert.Equal(AgencyFailureKind.Unavailable, (await Fails(pnc)).Kind);
        Assert.Equal(2, _agency.Calls);

        // Open: callers fail fast and the agency is left alone.
        var open = await Fails(pnc);
        Assert.Equal(AgencyFailureKind.CircuitOpen, open.Kind);
        Assert.Equal(0, open.Attempts);
        Assert.Equal(2, _agency.Calls);

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(AgencyFailureKind.CircuitOpen, (await Fails(pnc)).Kind);
        Assert.Equal(2, _agency.Calls);

        // Half-open after the break: one trial call goes through; it succeeds, so the circuit closes.
        _clock.Advance(TimeSpan.FromSeconds(2));
        _agency.Respond = _ => Json(PersonJson);
        Assert.True((await pnc.LookupPersonAsync("99/0000001A", default)).Found);
        Assert.True((await pnc.LookupPersonAsync("99/0000001A", default)).Found);
        Assert.Equal(4, _agency.Calls);
    }

    [Fact]
    public async Task A_failed_trial_call_opens_the_circuit_again()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0", ["CircuitBreaker:MinimumThroughput"] = "2", ["CircuitBreaker:BreakDuration"] = "00:00:10" });
        _agency.Respond = _ => Status(HttpStatusCode.InternalServerError);
        await Fails(pnc);
        await Fails(pnc);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(AgencyFailureKind.Unavailable, (await Fails(pnc)).Kind);
        Assert.Equal(3, _agency.Calls);
        Assert.Equal(AgencyFailureKind.CircuitOpen, (await Fails(pnc)).Kind);
        Assert.Equal(3, _agency.Calls);
    }

    [Fact]
    public async Task A_read_only_lookup_is_retried_and_a_429_Retry_After_is_honoured()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "3", ["Retry:BaseDelay"] = "00:00:00.100" });
        _agency.Respond = n => n == 1 ? Throttled(TimeSpan.FromSeconds(5)) : Json(PersonJson);

        var lookup = pnc.LookupPersonAsync("99/0000001A", default);
        await Until(() => _agency.Calls == 1);
        // Not the 100 ms back-off: the agency asked for 5 s.
        _clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(100);
        Assert.Equal(1, _agency.Calls);
        Assert.False(lookup.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1.1));
        var result = await lookup.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(result.Found);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task A_call_that_is_neither_idempotent_nor_keyed_is_not_retried()
    {
        Pnc(new() { ["Retry:MaxRetryAttempts"] = "3", ["Retry:BaseDelay"] = "00:00:00" });
        _agency.Respond = _ => Status(HttpStatusCode.ServiceUnavailable);
        var http = _provider!.GetRequiredService<IHttpClientFactory>().CreateClient("pnc");

        using var post = await http.PostAsync("pnc/v1/anything", new StringContent("{}"));
        Assert.Equal(1, _agency.Calls);

        using var keyed = new HttpRequestMessage(HttpMethod.Post, "pnc/v1/anything") { Content = new StringContent("{}") };
        keyed.Headers.Add("Idempotency-Key", "k-1");
        using var keyedResponse = await http.SendAsync(keyed);
        Assert.Equal(1 + 4, _agency.Calls);

        using var get = await http.GetAsync("pnc/v1/anything");
        Assert.Equal(1 + 4 + 4, _agency.Calls);
    }

    [Fact]
    public async Task R_IC3_calls_beyond_the_agency_rate_limit_are_refused_without_reaching_it_until_the_window_slides()
    {
        var pnc = Pnc(new() { ["RateLimit:PermitLimit"] = "2", ["RateLimit:Window"] = "00:01:00" });
        _agency.Respond = _ => Json(PersonJson);
        await pnc.LookupPersonAsync("99/0000001A", default);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await pnc.LookupPersonAsync("99/0000001A", default);
        var refused = await Fails(pnc);
        Assert.Equal(AgencyFailureKind.RateLimited, refused.Kind);
        Assert.Equal(0, refused.Attempts);
        Assert.Equal(2, _agency.Calls);
        Assert.Contains("R-IC3", refused.Message, StringComparison.Ordinal);
        // The first call leaves the window 40 s from now.
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);

        // Once the first call is a minute old, one more is admitted, and only one.
        _clock.Advance(TimeSpan.FromSeconds(40));
        await pnc.LookupPersonAsync("99/0000001A", default);
        Assert.Equal(3, _agency.Calls);
        Assert.Equal(AgencyFailureKind.RateLimited, (await Fails(pnc)).Kind);
        Assert.Equal(3, _agency.Calls);
    }

    [Fact]
    public async Task R_IC3_one_force_using_up_its_share_of_an_agency_limit_leaves_the_rest_to_other_forces()
    {
        var pnc = Pnc(new() { ["RateLimit:PermitLimit"] = "3", ["RateLimit:ForcePermitLimit"] = "2", ["RateLimit:Window"] = "00:01:00" });
        _agency.Respond = _ => Json(PersonJson);
        using (AgencyBudget.ChargeTo("XA"))
        {
            await pnc.LookupPersonAsync("99/0000001A", default);
            _clock.Advance(TimeSpan.FromSeconds(10));
            await pnc.LookupPersonAsync("99/0000001A", default);
            var refused = await Fails(pnc);
            Assert.Equal(AgencyFailureKind.RateLimited, refused.Kind);
            // The force's first call leaves the window 50 s from now.
            Assert.Equal(TimeSpan.FromSeconds(50), refused.RetryAfter);
        }
        Assert.Equal(2, _agency.Calls);

        using (AgencyBudget.ChargeTo("XB"))
        {
            await pnc.LookupPersonAsync("99/0000001A", default);
            Assert.Equal(3, _agency.Calls);
            // The agency's own limit (3) still holds over all forces together.
            Assert.Equal(AgencyFailureKind.RateLimited, (await Fails(pnc)).Kind);
        }
        using (AgencyBudget.ChargeTo("XC"))
        {
            Assert.Equal(AgencyFailureKind.RateLimited, (await Fails(pnc)).Kind);
        }
        Assert.Equal(3, _agency.Calls);
    }

    [Fact]
    public async Task R_IC3_an_agency_call_charged_to_no_force_is_refused_before_it_leaves()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0" });
        _agency.Respond = _ => Json(PersonJson);
        // A flow that carries no charge (the test's own flow has one): the call is refused unsent.
        Task<AgencyLookup<OffenderRisk.Contracts.Identity.V1.PncPersonRecord>> uncharged;
        using (ExecutionContext.SuppressFlow())
        {
            uncharged = Task.Run(() => pnc.LookupPersonAsync("99/0000001A", default));
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => uncharged);
        Assert.Equal(0, _agency.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Answers_a_caller_caused_do_not_open_the_agency_circuit_for_everyone(HttpStatusCode status)
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0", ["CircuitBreaker:MinimumThroughput"] = "2", ["CircuitBreaker:FailureRatio"] = "0.5" });
        _agency.Respond = _ => Status(status);
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await pnc.LookupPersonAsync("99/0000001A", default);
            }
            catch (AgencyUnavailableException e)
            {
                Assert.NotEqual(AgencyFailureKind.CircuitOpen, e.Kind);
            }
        }
        Assert.Equal(4, _agency.Calls);

        // The next caller still reaches the agency and gets its answer.
        _agency.Respond = _ => Json(PersonJson);
        Assert.True((await pnc.LookupPersonAsync("99/0000001A", default)).Found);
        Assert.Equal(5, _agency.Calls);
    }

    [Fact]
    public async Task An_attempt_that_outlasts_its_timeout_is_a_timeout()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0", ["AttemptTimeout"] = "00:00:02" });
        _agency.RespondAsync = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), _clock, ct);
            return Json(PersonJson);
        };
        var lookup = pnc.LookupPersonAsync("99/0000001A", default);
        await Until(() => _agency.Calls == 1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var e = await Assert.ThrowsAsync<AgencyUnavailableException>(() => lookup.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(e.TimedOut);
        Assert.Equal(1, e.Attempts);
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("{\"pncId\":\"99/0000001A\",\"recordStatus\":\"ACTIVE\",\"person\":{\"surname\":\"TESTPERSON\",\"forenames\":[\"Mike\"")]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"pncId\":\"99/0000001A\",\"recordStatus\":\"ACTIVE\"}")]
    [InlineData("{\"pncId\":\"JUNK\",\"recordStatus\":\"ACTIVE\",\"person\":{\"surname\":\"TESTPERSON\",\"forenames\":[\"Alpha\"],\"dateOfBirth\":\"1980-01-01\"}}")]
    [InlineData("{\"pncId\":\"99/0000001A\",\"pncId\":\"99/0000002B\",\"recordStatus\":\"ACTIVE\",\"person\":{\"surname\":\"TESTPERSON\",\"forenames\":[\"Alpha\"],\"dateOfBirth\":\"1980-01-01\"}}")]
    [InlineData("{\"pncId\":\"99/0000001A\",\"recordStatus\":\"ACTIVE\",\"person\":{\"surname\":null,\"forenames\":[\"Alpha\"],\"dateOfBirth\":\"1980-01-01\"}}")]
    [InlineData("{\"pncId\":\"99/0000001A\",\"recordStatus\":\"ACTIVE\",\"person\":{\"surname\":\"TESTPERSON\",\"forenames\":[\"Alpha\"],\"dateOfBirth\":\"01/01/1980\"}}")]
    public async Task An_untrusted_answer_that_is_oversized_malformed_or_invalid_is_rejected(string body)
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0" }, maxResponseBytes: 4096);
        _agency.Respond = _ => Json(body == "oversized" ? PersonJson.Replace("\"aliases\":[]", "\"aliases\":[],\"padding\":\"" + new string('x', 5000) + "\"", StringComparison.Ordinal) : body);
        var e = await Fails(pnc);
        Assert.Equal(AgencyFailureKind.ResponseRejected, e.Kind);
        Assert.Contains("nothing was stored", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TESTPERSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_extra_fields_is_accepted_and_only_the_contract_fields_are_kept()
    {
        var pnc = Pnc([]);
        _agency.Respond = _ => Json(PersonJson.Replace("\"aliases\":[]", "\"aliases\":[],\"newField\":{\"x\":1}", StringComparison.Ordinal));
        var result = await pnc.LookupPersonAsync("99/0000001A", default);
        Assert.Equal("TESTPERSON", result.Record!.Name.FamilyName);
        Assert.Equal(["ZZ"], result.Record.WarningSignalCodes);
    }

    [Fact]
    public async Task Every_call_carries_the_client_id_and_the_identifier_only_in_the_body()
    {
        var pnc = Pnc([]);
        _agency.Respond = _ => Json(PersonJson);
        await pnc.LookupPersonAsync("99/0000001A", default);
        var request = Assert.Single(_agency.Requests);
        Assert.Equal("unit-test-client", request.ClientId);
        Assert.DoesNotContain("0000001A", request.Uri, StringComparison.Ordinal);
        Assert.Contains("99/0000001A", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marker_placement_carries_the_idempotency_key_and_is_retried_with_it()
    {
        var hmpo = Build<HmpoClient>("Hmpo", new() { ["Retry:MaxRetryAttempts"] = "3", ["Retry:BaseDelay"] = "00:00:00" });
        _agency.Respond = n => n < 3
            ? Status(HttpStatusCode.ServiceUnavailable)
            : Json("""{"markerId":"HMPO-MKR-key-1","outcome":"PLACED"}""", HttpStatusCode.Created);
        var payload = MarkerPayload.ForHmpo("990000001", "case-1", "XA PPU");
        var placement = await hmpo.PlaceMarkerAsync(payload, "key-1", default);
        Assert.Equal((MarkerPlacementOutcome.Placed, "HMPO-MKR-key-1", 3), (placement.Outcome, placement.MarkerId, placement.Attempts));
        Assert.All(_agency.Requests, r => Assert.Equal(("key-1", payload), (r.IdempotencyKey, r.Body)));
    }

    [Fact]
    public async Task R_AU1_a_PNC_lookup_the_agency_refused_still_reached_it_so_it_is_audited_as_a_disclosure()
    {
        var pnc = Pnc(new() { ["Retry:MaxRetryAttempts"] = "0" });
        _agency.Respond = _ => Status(HttpStatusCode.BadRequest);
        var e = await Fails(pnc);
        // The enquiry runner records a disclosure for every failure with attempts that reached the agency.
        Assert.Equal((AgencyFailureKind.Unavailable, 1), (e.Kind, e.Attempts));
        Assert.StartsWith("PNC refused the lookup (HTTP 400", e.Message, StringComparison.Ordinal);
    }

    private PncClient Pnc(Dictionary<string, string?> resilience, int? maxResponseBytes = null) => Build<PncClient>("Pnc", resilience, maxResponseBytes);

    private T Build<T>(string section, Dictionary<string, string?> resilience, int? maxResponseBytes = null) where T : notnull
    {
        var settings = new Dictionary<string, string?>();
        foreach (var agency in new[] { "Pnc", "Pnd", "Dvla", "Hmpo" })
        {
            settings[$"Agencies:{agency}:BaseAddress"] = $"http://{agency.ToLowerInvariant()}.agency.test/";
            settings[$"Agencies:{agency}:ClientId"] = "unit-test-client";
        }
        foreach (var (key, value) in resilience)
        {
            settings[$"Agencies:{section}:Resilience:{key}"] = value;
        }
        if (maxResponseBytes is not null)
        {
            settings[$"Agencies:{section}:MaxResponseBytes"] = maxResponseBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(_database);
        services.AddSingleton(new ServiceTelemetry("OffenderRisk.IdentityChecks.UnitTests"));
        services.AddAgencyClients(configuration);
        foreach (var name in new[] { "pnc", "pnd", "dvla", "hmpo" })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => _agency);
        }
        _provider = services.BuildServiceProvider();
        return _provider.GetRequiredService<T>();
    }

    private static async Task<AgencyUnavailableException> Fails(PncClient pnc) =>
        await Assert.ThrowsAsync<AgencyUnavailableException>(() => pnc.LookupPersonAsync("99/0000001A", default));

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    private static HttpResponseMessage Status(HttpStatusCode status) => new(status)
    {
        Content = new StringContent("""{"type":"urn:test:unavailable","title":"Unavailable","status":503}""", Encoding.UTF8, "application/problem+json"),
    };

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = Status(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    /// <summary>Answers from a script and records what it was sent.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private int _calls;

        public Func<int, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);
        public Func<int, CancellationToken, Task<HttpResponseMessage>>? RespondAsync { get; set; }
        public int Calls => Volatile.Read(ref _calls);
        public List<(string Uri, string ClientId, string IdempotencyKey, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.ToString(),
                    request.Headers.TryGetValues("X-Client-Id", out var id) ? id.Single() : "",
                    request.Headers.TryGetValues("Idempotency-Key", out var key) ? key.Single() : "", body));
            }
            return RespondAsync is not null ? await RespondAsync(n, cancellationToken) : Respond(n);
        }
    }
}
