using System.Text.Json;
using System.Text.RegularExpressions;
using OffenderRisk.ServiceDefaults.Telemetry;
using YamlDotNet.RepresentationModel;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The Grafana dashboard and the Prometheus alert rules in deploy/observability query only metrics
/// the code emits (<see cref="OperatorMetrics.PrometheusNames"/>, the names the collector's
/// prometheus exporter gives them) and only the tags the code puts on them.
/// </summary>
public sealed partial class ObservabilityDefinitionTests
{
    /// <summary>Series Prometheus makes itself (not emitted by the suite).</summary>
    private static readonly HashSet<string> PrometheusOwn = ["up"];

    /// <summary>Labels of the suite's series: the tags (dots as underscores), the collector's job and
    /// instance, and the histogram's le.</summary>
    private static readonly HashSet<string> KnownLabels =
    [
        "le", "job", "instance",
        .. new[]
        {
            OperatorMetrics.RpcTags.System, OperatorMetrics.RpcTags.Service, OperatorMetrics.RpcTags.Method, OperatorMetrics.RpcTags.GrpcStatusCode,
            OperatorMetrics.AgencyTags.Agency, OperatorMetrics.AgencyTags.Operation, OperatorMetrics.AgencyTags.Outcome,
        }.Select(t => t.Replace('.', '_')),
    ];

    [Fact]
    public void Dashboard_queries_name_only_metrics_and_labels_the_code_emits()
    {
        var queries = DashboardQueries();

        Assert.True(queries.Count >= 10, $"only {queries.Count} queries found in the dashboard");
        AssertKnown(queries);
        Assert.Contains(queries, q => q.Contains(OperatorMetrics.AgencyCallDuration.PrometheusBaseName, StringComparison.Ordinal));
    }

    [Fact]
    public void Alert_rules_query_only_metrics_and_labels_the_code_emits()
    {
        var queries = AlertQueries();

        Assert.True(queries.Count >= 5, $"only {queries.Count} alert rules found");
        AssertKnown(queries);
    }

    [Fact]
    public void Alert_outcome_filters_name_only_agency_outcomes_the_code_records()
    {
        var outcomes = AlertQueries().Concat(DashboardQueries())
            .SelectMany(q => OutcomeFilter().Matches(q))
            .SelectMany(m => m.Groups["values"].Value.Split('|'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.Contains(o, OperatorMetrics.AgencyOutcomes.All));
    }

    [Fact]
    public void Prometheus_names_follow_the_collector_conversion()
    {
        Assert.Contains("rpc_server_call_duration_seconds_bucket", OperatorMetrics.PrometheusNames);
        Assert.Contains("offenderrisk_agency_call_duration_seconds_count", OperatorMetrics.PrometheusNames);
    }

    private static void AssertKnown(IReadOnlyList<string> queries)
    {
        var emitted = OperatorMetrics.PrometheusNames.Concat(PrometheusOwn).ToHashSet();
        foreach (var query in queries)
        {
            var metrics = MetricName().Matches(query).Select(m => m.Groups["name"].Value).ToList();
            Assert.True(metrics.Count > 0, $"no metric in query: {query}");
            Assert.All(metrics, m => Assert.True(emitted.Contains(m), $"'{m}' is not emitted by the code (query: {query})"));
            var labels = LabelName().Matches(query).Select(m => m.Groups["label"].Value)
                .Concat(ByClause().Matches(query).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
            Assert.All(labels, l => Assert.True(KnownLabels.Contains(l), $"label '{l}' is not on the suite's series (query: {query})"));
        }
    }

    private static List<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(ObservabilityFolder(), "offenderrisk-dashboard.json")));
        var queries = new List<string>();
        Collect(dashboard.RootElement, queries);
        return queries;

        static void Collect(JsonElement element, List<string> found)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name is "expr" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                        {
                            found.Add(property.Value.GetString()!);
                        }
                        else
                        {
                            Collect(property.Value, found);
                        }
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, found);
                    }
                    break;
            }
        }
    }

    private static List<string> AlertQueries()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(ObservabilityFolder(), "offenderrisk-alerts.yaml"))))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Select(r => ((YamlScalarNode)r["expr"]).Value!)
            .ToList();
    }

    private static string ObservabilityFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OffenderRisk.Services.sln")))
            {
                return Path.Combine(dir.FullName, "deploy", "observability");
            }
        }
        throw new InvalidOperationException("The repository root (OffenderRisk.Services.sln) was not found above the test binaries.");
    }

    /// <summary>A series selector's metric: a name followed by a label matcher or a range, or the
    /// first argument of label_values/absent.</summary>
    [GeneratedRegex(@"(?<![\w$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=\{|\[)|(?:label_values|absent)\((?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex MetricName();

    /// <summary>A label matcher inside braces: name =, !=, =~ or !~.</summary>
    [GeneratedRegex(@"[{,]\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*""")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"\b(?:by|without)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"offenderrisk_agency_outcome\s*(?:=~|=)\s*""(?<values>[^""]+)""")]
    private static partial Regex OutcomeFilter();
}
