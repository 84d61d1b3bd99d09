using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OffenderRisk.IdentityChecks.Domain;
using Polly;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// Registers one typed client per agency, each with its own resilience pipeline built from
/// <c>Agencies:&lt;Agency&gt;:Resilience</c>. ServiceDefaults gives every HttpClient the standard
/// handler; it is removed here because each agency needs its own settings, its own circuit and
/// rate limiter, and retries that follow our idempotency rule rather than the HTTP method.
/// </summary>
public static class AgencyResilience
{
    public static IServiceCollection AddAgencyClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AgencyCallLog>();
        services.AddAgencyClient<PncClient>(Agency.Pnc, configuration);
        services.AddAgencyClient<PndClient>(Agency.Pnd, configuration);
        services.AddAgencyClient<DvlaClient>(Agency.Dvla, configuration);
        services.AddAgencyClient<HmpoClient>(Agency.Hmpo, configuration);
        return services;
    }

    public static IHttpClientBuilder AddAgencyClient<TClient>(this IServiceCollection services, Agency agency, IConfiguration configuration)
        where TClient : class
    {
        var name = AgencyNames.Key(agency);
        services.AddOptions<AgencyOptions>(name)
            .Bind(configuration.GetSection($"{AgencyOptions.SectionName}:{AgencyNames.Section(agency)}"))
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, $"Agencies:{AgencyNames.Section(agency)}:BaseAddress must be an absolute URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), $"Agencies:{AgencyNames.Section(agency)}:ClientId is required.")
            .Validate(o => o.MaxResponseBytes > 0, $"Agencies:{AgencyNames.Section(agency)}:MaxResponseBytes must be positive.")
            .Validate(o => o.Resilience.RateLimit.PermitLimit > 0 && o.Resilience.RateLimit.Window > TimeSpan.Zero,
                $"Agencies:{AgencyNames.Section(agency)}:Resilience:RateLimit needs a positive PermitLimit and Window.")
            .Validate(o => o.Resilience.RateLimit.ForcePermitLimit > 0,
                $"Agencies:{AgencyNames.Section(agency)}:Resilience:RateLimit:ForcePermitLimit must be positive.")
            .ValidateOnStart();

        var builder = services.AddHttpClient<TClient>(name, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(name);
            http.BaseAddress = options.BaseAddress;
            // The pipeline owns every timeout.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.DefaultRequestHeaders.Add("X-Client-Id", options.ClientId);
            http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        });
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to drop the defaults.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(name).Resilience;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            Build(pipeline, agency, options, context);
        });
        // Below the pipeline: sees (and counts) every attempt.
        builder.AddHttpMessageHandler(() => new AgencyAttemptHandler());
        return builder;
    }

    /// <summary>Rate limiter (R-IC3), total timeout, retry, circuit breaker, attempt timeout: outermost first.</summary>
    private static void Build(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline, Agency agency, AgencyResilienceOptions options, ResilienceHandlerContext context)
    {
        // The limit is kept in the database, so it holds across every replica of the service.
        var callLog = context.ServiceProvider.GetRequiredService<AgencyCallLog>();
        pipeline.AddRateLimiter(new HttpRateLimiterStrategyOptions
        {
            Name = "rate-limit",
            RateLimiter = args => callLog.AcquireAsync(agency, AgencyBudget.CurrentForce, options.RateLimit, args.Context.CancellationToken),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });

        if (options.Retry.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // Retry-After from a 429 or 503 replaces the computed delay.
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetrySafe(args.Context) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit-breaker",
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsAgencyFailure(args.Outcome)),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// A failure of the agency itself, which counts toward opening its circuit: a transient outcome
    /// (5xx, 408, timeouts, dropped connections) but not a 429, which answers the volume callers
    /// sent, nor any other 4xx, which answers what a caller sent.
    /// </summary>
    internal static bool IsAgencyFailure(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests;

    /// <summary>
    /// Retries only what is safe to repeat: an idempotent HTTP method, a call carrying an
    /// Idempotency-Key, or one the adapter marked as a read-only query.
    /// </summary>
    internal static bool IsRetrySafe(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        if (request is null)
        {
            return false;
        }
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Options)
        {
            return true;
        }
        if (request.Headers.Contains(AgencyClient.IdempotencyKeyHeader))
        {
            return true;
        }
        return request.Options.TryGetValue(AgencyRequestOptions.RetrySafe, out var safe) && safe;
    }
}
