using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.ServiceDefaults.Telemetry;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>Whether a call may be repeated by the retry strategy.</summary>
public enum AgencyCallKind
{
    /// <summary>
    /// A read-only lookup. Agencies take identifiers in a POST body only to keep them out of URLs
    /// and logs; the call changes nothing, so repeating it is safe and the pipeline retries it.
    /// </summary>
    ReadOnlyQuery,
    /// <summary>Changes something at the agency: retried only when it carries an Idempotency-Key.</summary>
    Command,
}

/// <summary>A problem document (RFC 9457) from an agency: only its stable type and short title are kept.</summary>
public sealed record AgencyProblem(string Type, string Title, string? ExistingMarkerId = null)
{
    /// <summary>The last segment of the type, e.g. "passport-not-found".</summary>
    public string Code => Type.Contains(':', StringComparison.Ordinal) ? Type[(Type.LastIndexOf(':') + 1)..] : Type;

    public static readonly AgencyProblem Unknown = new("unknown", "");
}

/// <summary>An answer that parsed and validated: the typed body on 2xx, the problem otherwise.</summary>
public sealed record AgencyReply<T>(HttpStatusCode Status, T? Body, AgencyProblem? Problem, bool Replayed, int Attempts)
    where T : class
{
    public bool IsSuccess => (int)Status is >= 200 and < 300 && Body is not null;
}

/// <summary>An agency answer DTO that can say what is wrong with it once parsed.</summary>
internal interface IAgencyAnswer
{
    void Validate(AnswerCheck check);
}

/// <summary>
/// What every agency adapter shares: the call through the agency's resilience pipeline, one span
/// per call (agency, operation, outcome; no personal data), the size limit, strict parsing and
/// validation of the untrusted answer, and the translation of failures into
/// <see cref="AgencyUnavailableException"/>. Identifiers travel only in POST bodies.
/// </summary>
public abstract partial class AgencyClient(HttpClient http, AgencyOptions options, ServiceTelemetry telemetry, TimeProvider clock, ILogger logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    protected abstract Agency Agency { get; }

    private protected async Task<AgencyReply<T>> PostAsync<T>(string operation, string path, HttpContent body,
        AgencyCallKind kind, string? idempotencyKey, CancellationToken ct) where T : class, IAgencyAnswer
    {
        using var activity = telemetry.Source.StartActivity($"{AgencyNames.Display(Agency)} {operation}", ActivityKind.Client);
        activity?.SetTag("peer.service", AgencyNames.Key(Agency));
        activity?.SetTag("offenderrisk.agency", AgencyNames.Key(Agency));
        activity?.SetTag("offenderrisk.agency.operation", operation);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }
        var attempts = new AttemptCounter();
        request.Options.Set(AgencyRequestOptions.Attempts, attempts);
        request.Options.Set(AgencyRequestOptions.RetrySafe, kind == AgencyCallKind.ReadOnlyQuery || idempotencyKey is not null);

        var started = Stopwatch.GetTimestamp(); // durations on the wall clock, whatever the suite clock says
        try
        {
            var reply = await SendAsync<T>(request, attempts, idempotencyKey, ct);
            Record(activity, reply.IsSuccess ? "success" : reply.Problem?.Code ?? "refused", attempts.Count, reply.Status);
            RecordOutcome(operation, reply.IsSuccess ? OperatorMetrics.AgencyOutcomes.Success
                : reply.Status == HttpStatusCode.NotFound ? OperatorMetrics.AgencyOutcomes.NotFound
                : OperatorMetrics.AgencyOutcomes.Refused, started);
            return reply;
        }
        catch (AgencyUnavailableException e)
        {
            Record(activity, e.Code, attempts.Count, null);
            activity?.SetStatus(ActivityStatusCode.Error, e.Code);
            LogFailure(logger, AgencyNames.Key(Agency), operation, e.Code, attempts.Count);
            RecordOutcome(operation, Outcome(e.Kind), started);
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the caller went away: not an outcome of the agency's
        }
        catch
        {
            RecordOutcome(operation, OperatorMetrics.AgencyOutcomes.Failure, started);
            throw;
        }
    }

    /// <summary>
    /// The agency call metric (<see cref="OperatorMetrics.AgencyCallDuration"/>): every call to
    /// every agency passes here, so this is where its outcome is counted. Tags from closed sets
    /// only (agency, the adapter's operation name, <see cref="OperatorMetrics.AgencyOutcomes"/>):
    /// never the agency's own problem codes, which are its input.
    /// </summary>
    private void RecordOutcome(string operation, string outcome, long started) =>
        telemetry.Histogram(OperatorMetrics.AgencyCallDuration).Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new(OperatorMetrics.AgencyTags.Agency, AgencyNames.Key(Agency)),
            new(OperatorMetrics.AgencyTags.Operation, operation),
            new(OperatorMetrics.AgencyTags.Outcome, outcome));

    private static string Outcome(AgencyFailureKind kind) => kind switch
    {
        AgencyFailureKind.RateLimited => OperatorMetrics.AgencyOutcomes.RefusedByBudget,
        AgencyFailureKind.Throttled => OperatorMetrics.AgencyOutcomes.RateLimited,
        AgencyFailureKind.CircuitOpen => OperatorMetrics.AgencyOutcomes.CircuitOpen,
        AgencyFailureKind.TimedOut => OperatorMetrics.AgencyOutcomes.Timeout,
        AgencyFailureKind.ResponseRejected => OperatorMetrics.AgencyOutcomes.InvalidAnswer,
        AgencyFailureKind.ClientRefused => OperatorMetrics.AgencyOutcomes.CredentialsRefused,
        _ => OperatorMetrics.AgencyOutcomes.Failure,
    };

    private async Task<AgencyReply<T>> SendAsync<T>(HttpRequestMessage request, AttemptCounter attempts, string? idempotencyKey, CancellationToken ct)
        where T : class, IAgencyAnswer
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (TimeoutRejectedException)
        {
            throw Failure(AgencyFailureKind.TimedOut, "did not answer in time", attempts);
        }
        catch (BrokenCircuitException)
        {
            throw Failure(AgencyFailureKind.CircuitOpen, "is failing repeatedly, so calls are paused (circuit open); retry later", attempts);
        }
        catch (RateLimiterRejectedException e)
        {
            throw Failure(AgencyFailureKind.RateLimited, "enquiry rate limit is reached (R-IC3); retry later", attempts, e.RetryAfter);
        }
        catch (HttpRequestException)
        {
            throw Failure(AgencyFailureKind.Unavailable, "could not be reached or dropped the connection", attempts);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Failure(AgencyFailureKind.TimedOut, "did not answer in time", attempts);
        }

        using (response)
        {
            var status = response.StatusCode;
            var retryAfter = RetryAfter(response);
            if ((int)status is >= 200 and < 300)
            {
                var bytes = await ReadBodyAsync(response, attempts, ct);
                if (idempotencyKey is not null && response.Headers.TryGetValues(IdempotencyKeyHeader, out var echoed)
                    && !echoed.Contains(idempotencyKey, StringComparer.Ordinal))
                {
                    throw Rejected("answered with a different Idempotency-Key", attempts);
                }
                var replayed = response.Headers.TryGetValues(ReplayedHeader, out var replay)
                    && replay.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
                return new AgencyReply<T>(status, Parse<T>(bytes, attempts), null, replayed, attempts.Count);
            }
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw Failure(AgencyFailureKind.ClientRefused, "refused this service's client credentials (check Agencies:*:ClientId)", attempts);
            }
            if (status == HttpStatusCode.TooManyRequests)
            {
                throw Failure(AgencyFailureKind.Throttled, "is throttling requests; retry later", attempts, retryAfter);
            }
            if (status == HttpStatusCode.RequestTimeout || (int)status >= 500)
            {
                throw Failure(AgencyFailureKind.Unavailable, $"is unavailable (HTTP {(int)status}); retry later", attempts, retryAfter);
            }
            return new AgencyReply<T>(status, null, await ReadProblemAsync(response, ct), false, attempts.Count);
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, AttemptCounter attempts, CancellationToken ct)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !(mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            throw Rejected("answered with a body that is not JSON", attempts);
        }
        try
        {
            return await ReadLimitedAsync(response.Content, options.MaxResponseBytes, ct)
                ?? throw Rejected("answered with a body larger than the limit", attempts);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Rejected("answered with a body that could not be read", attempts);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Failure(AgencyFailureKind.TimedOut, "did not finish its answer in time", attempts);
        }
    }

    private T Parse<T>(byte[] bytes, AttemptCounter attempts) where T : class, IAgencyAnswer
    {
        T? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<T>(bytes, AgencyJson.Read);
        }
        catch (JsonException)
        {
            throw Rejected("answered with malformed JSON", attempts);
        }
        if (parsed is null)
        {
            throw Rejected("answered with an empty body", attempts);
        }
        var check = new AnswerCheck();
        parsed.Validate(check);
        if (!check.IsValid)
        {
            // Field names only: the values are personal data.
            LogInvalidAnswer(logger, AgencyNames.Key(Agency), string.Join("; ", check.Problems));
            throw Rejected("answered with a record that failed validation", attempts);
        }
        return parsed;
    }

    /// <summary>The problem document of a refusal; anything unreadable becomes <see cref="AgencyProblem.Unknown"/>.</summary>
    private async Task<AgencyProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var bytes = await ReadLimitedAsync(response.Content, options.MaxResponseBytes, ct);
            if (bytes is null || bytes.Length == 0)
            {
                return AgencyProblem.Unknown;
            }
            var problem = JsonSerializer.Deserialize<ProblemDocument>(bytes, AgencyJson.Read);
            var check = new AnswerCheck();
            var type = check.Text("type", problem?.Type);
            var title = check.Text("title", problem?.Title, optional: true);
            var existing = check.Text("existingMarkerId", problem?.ExistingMarkerId, optional: true);
            return check.IsValid ? new AgencyProblem(type, title, existing.Length > 0 ? existing : null) : AgencyProblem.Unknown;
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            return AgencyProblem.Unknown;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    internal static async Task<byte[]?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => null,
        };

    /// <summary>
    /// A read-only lookup: the mapped answer when found, not found on 404; any other answer is
    /// UNAVAILABLE ("PNC refused the lookup (HTTP 400, code)"), counting the attempts that reached the agency.
    /// </summary>
    private protected async Task<AgencyLookup<TRecord>> LookupAsync<TAnswer, TRecord>(
        string operation, string path, object body, Func<TAnswer, TRecord> map, string what, CancellationToken ct)
        where TAnswer : class, IAgencyAnswer where TRecord : class
    {
        var reply = await PostAsync<TAnswer>(operation, path, Json(body), AgencyCallKind.ReadOnlyQuery, null, ct);
        return reply switch
        {
            { IsSuccess: true, Body: { } answer } => new(true, map(answer), reply.Attempts),
            { Status: HttpStatusCode.NotFound } => new(false, null, reply.Attempts),
            _ => throw new AgencyUnavailableException(Agency, AgencyFailureKind.Unavailable,
                $"{AgencyNames.Display(Agency)} refused the {what} (HTTP {(int)reply.Status}, {reply.Problem?.Code ?? "unknown"}).", null, reply.Attempts),
        };
    }

    protected static HttpContent Json(object body) =>
        new StringContent(JsonSerializer.Serialize(body, AgencyJson.Write), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private AgencyUnavailableException Failure(AgencyFailureKind kind, string what, AttemptCounter attempts, TimeSpan? retryAfter = null) =>
        new(Agency, kind, $"{AgencyNames.Display(Agency)} {what}.", retryAfter, attempts.Count);

    private AgencyUnavailableException Rejected(string what, AttemptCounter attempts) =>
        new(Agency, AgencyFailureKind.ResponseRejected,
            $"{AgencyNames.Display(Agency)} {what}; the answer was discarded and nothing was stored.", null, attempts.Count);

    private static void Record(Activity? activity, string outcome, int attempts, HttpStatusCode? status)
    {
        activity?.SetTag("offenderrisk.agency.outcome", outcome);
        activity?.SetTag("offenderrisk.agency.attempts", attempts);
        if (status is not null)
        {
            activity?.SetTag("http.response.status_code", (int)status);
        }
    }

    private sealed class ProblemDocument
    {
        public string? Type { get; set; }
        public string? Title { get; set; }
        public string? ExistingMarkerId { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency {Agency} {Operation} failed: {Failure} after {Attempts} attempt(s)")]
    private static partial void LogFailure(ILogger logger, string agency, string operation, string failure, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency {Agency} answer failed validation: {Problems}")]
    private static partial void LogInvalidAnswer(ILogger logger, string agency, string problems);
}

/// <summary>Per-request settings the resilience pipeline and the attempt handler read.</summary>
public static class AgencyRequestOptions
{
    /// <summary>True when the call may be repeated: a read-only query, or one with an Idempotency-Key.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("offenderrisk.retry-safe");

    public static readonly HttpRequestOptionsKey<AttemptCounter> Attempts = new("offenderrisk.attempts");
}

/// <summary>How many attempts of one call reached the network (so whether anything was disclosed).</summary>
public sealed class AttemptCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>
/// Innermost handler, below the resilience pipeline: sees every attempt, so it counts them.
/// </summary>
public sealed class AgencyAttemptHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AgencyRequestOptions.Attempts, out var counter))
        {
            counter.Increment();
        }
        return base.SendAsync(request, cancellationToken);
    }
}
