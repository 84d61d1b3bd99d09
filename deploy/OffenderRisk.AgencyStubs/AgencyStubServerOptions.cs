using WireMock.Logging;

namespace OffenderRisk.AgencyStubs;

/// <summary>Options for <see cref="AgencyStubServer.Start"/>.</summary>
public sealed record AgencyStubServerOptions
{
    public static AgencyStubServerOptions Default { get; } = new();

    /// <summary>
    /// Interface to listen on. Loopback by default: the stubs serve synthetic data to this machine only.
    /// (For a fixed port WireMock.Net widens 127.0.0.1 to both loopbacks, 127.0.0.1 and ::1; never beyond.)
    /// </summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Reload mapping files when they are created, changed or deleted (no restart needed).</summary>
    public bool WatchMappings { get; init; } = true;

    /// <summary>
    /// Upper bound on requests kept for <c>/__admin/requests</c>, so a long-running host cannot grow without bound.
    /// <c>null</c> keeps every request (fine for short test runs).
    /// </summary>
    public int? RequestLogLimit { get; init; }

    /// <summary>WireMock.Net log sink; <c>null</c> discards WireMock's own logging.</summary>
    public IWireMockLogger? Logger { get; init; }
}
