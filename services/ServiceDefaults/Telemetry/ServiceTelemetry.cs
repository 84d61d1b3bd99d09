using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// The one ActivitySource and Meter of a service ("OffenderRisk.&lt;Service&gt;"). Span attributes
/// and metric tags carry ids, outcomes and agency names only: never personal data.
/// </summary>
public sealed class ServiceTelemetry(string name) : IDisposable
{
    public ActivitySource Source { get; } = new(name);
    public Meter Meter { get; } = new(name);
    public string Name { get; } = name;

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}
