using OpenTelemetry.Trace;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// Records everything an operator traces except the gateway's periodic destination health
/// probes, which would otherwise make a trace every two seconds per cluster and bury real calls.
/// Their child spans go with them (parent-based).
/// </summary>
public sealed class HealthProbeSampler : Sampler
{
    private static readonly Sampler Inner = new ParentBasedSampler(new AlwaysOnSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name == "proxy.cluster_health_checks"
            ? new SamplingResult(SamplingDecision.Drop)
            : Inner.ShouldSample(samplingParameters);
}
