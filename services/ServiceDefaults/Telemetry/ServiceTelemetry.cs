using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// The one ActivitySource and Meter of a service ("OffenderRisk.&lt;Service&gt;"). Span attributes
/// and metric tags carry ids, outcomes and agency names only: never personal data.
/// </summary>
public sealed class ServiceTelemetry(string name) : IDisposable
{
    private readonly ConcurrentDictionary<MetricDefinition, Histogram<double>> _histograms = new();

    public ActivitySource Source { get; } = new(name);
    public Meter Meter { get; } = new(name);
    public string Name { get; } = name;

    /// <summary>The process's one instrument for <paramref name="metric"/> (<see cref="OperatorMetrics"/>),
    /// however many short-lived objects record to it.</summary>
    public Histogram<double> Histogram(MetricDefinition metric) =>
        _histograms.GetOrAdd(metric, m => Meter.CreateHistogram(m));

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}
