using System.Diagnostics.Metrics;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// Every metric the suite emits for operators, in one place: the instruments are created from
/// these definitions, and the dashboard and alert rules in <c>deploy/observability</c> are checked
/// against <see cref="PrometheusNames"/> by a unit test, so a query cannot name a metric the code
/// does not emit. Tags are low-cardinality and never carry personal data.
/// </summary>
public static class OperatorMetrics
{
    /// <summary>
    /// One measurement per gRPC call a process serves (the gateway and every service), OpenTelemetry
    /// RPC semantic conventions: <c>rpc.server.call.duration</c> in seconds (the current convention,
    /// which replaced the millisecond <c>rpc.server.duration</c>), tagged with
    /// <see cref="RpcTags"/>. Its count is the request rate; its count by status the errors.
    /// </summary>
    public static readonly MetricDefinition RpcServerCallDuration = new(
        "rpc.server.call.duration", "s", "Duration of gRPC calls served, by RPC and gRPC status code.");

    /// <summary>One measurement per agency call (identity-checks), tagged with <see cref="AgencyTags"/>.</summary>
    public static readonly MetricDefinition AgencyCallDuration = new(
        "offenderrisk.agency.call.duration", "s", "Duration of calls to the partner agencies (PNC, PND, DVLA, HMPO), by agency, operation and outcome.");

    public static readonly IReadOnlyList<MetricDefinition> All = [RpcServerCallDuration, AgencyCallDuration];

    public static class RpcTags
    {
        public const string System = "rpc.system";
        public const string Service = "rpc.service";
        public const string Method = "rpc.method";
        public const string GrpcStatusCode = "rpc.grpc.status_code";
    }

    public static class AgencyTags
    {
        /// <summary>pnc, pnd, dvla, hmpo.</summary>
        public const string Agency = "offenderrisk.agency";
        /// <summary>The adapter's fixed operation name, e.g. persons.lookup.</summary>
        public const string Operation = "offenderrisk.agency.operation";
        /// <summary>One of <see cref="AgencyOutcomes"/>.</summary>
        public const string Outcome = "offenderrisk.agency.outcome";
    }

    /// <summary>The closed set of agency call outcomes a metric carries.</summary>
    public static class AgencyOutcomes
    {
        public const string Success = "success";
        public const string NotFound = "not_found";
        /// <summary>The agency answered with a 4xx refusal other than not found.</summary>
        public const string Refused = "refused";
        /// <summary>Our own per-agency budget (R-IC3) refused the call; it never left the service.</summary>
        public const string RefusedByBudget = "refused_by_budget";
        /// <summary>The agency throttled us (429).</summary>
        public const string RateLimited = "rate_limited";
        public const string CircuitOpen = "circuit_open";
        public const string Timeout = "timeout";
        /// <summary>5xx, or the connection failed.</summary>
        public const string Failure = "failure";
        /// <summary>The answer was oversized or malformed and was discarded.</summary>
        public const string InvalidAnswer = "invalid_answer";
        /// <summary>The agency refused our client credentials (401/403).</summary>
        public const string CredentialsRefused = "credentials_refused";

        public static readonly IReadOnlyList<string> All =
            [Success, NotFound, Refused, RefusedByBudget, RateLimited, CircuitOpen, Timeout, Failure, InvalidAnswer, CredentialsRefused];
    }

    /// <summary>Bucket bounds (seconds) for call durations: 5 ms to 30 s.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// The series Prometheus holds for these metrics after the OpenTelemetry Collector's prometheus
    /// exporter converts them: dots become underscores, the unit becomes a suffix (<c>s</c> →
    /// <c>_seconds</c>) and a histogram becomes <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.
    /// </summary>
    public static IReadOnlyList<string> PrometheusNames =>
        All.SelectMany(m => HistogramSeries.Select(suffix => m.PrometheusBaseName + suffix)).ToList();

    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    internal static Histogram<double> CreateHistogram(this Meter meter, MetricDefinition metric) =>
        meter.CreateHistogram(metric.Name, metric.Unit, metric.Description, tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
}

/// <summary>An instrument's OpenTelemetry name, unit (UCUM) and description.</summary>
public sealed record MetricDefinition(string Name, string Unit, string Description)
{
    public string PrometheusBaseName => Name.Replace('.', '_') + Unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => "",
    };
}
