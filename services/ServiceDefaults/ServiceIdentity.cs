namespace OffenderRisk.ServiceDefaults;

/// <summary>Which service this process is: names its telemetry source, error domain and audit log.</summary>
public sealed class ServiceIdentity
{
    /// <summary>Short name, e.g. "nominals" or "identity-checks".</summary>
    public string Name { get; set; } = "";

    /// <summary>google.rpc.ErrorInfo domain, e.g. "nominals.offenderrisk".</summary>
    public string ErrorDomain => $"{Name}.offenderrisk";

    /// <summary>The one ActivitySource / Meter name of this service, e.g. "OffenderRisk.Nominals".</summary>
    public string TelemetryName => "OffenderRisk." + string.Concat(Name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
