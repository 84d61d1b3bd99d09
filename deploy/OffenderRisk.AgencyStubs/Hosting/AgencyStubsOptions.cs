namespace OffenderRisk.AgencyStubs.Hosting;

/// <summary>Configuration section <c>AgencyStubs</c> (appsettings.json, <c>AgencyStubs__…</c> environment variables, <c>--AgencyStubs:…</c> arguments).</summary>
public sealed class AgencyStubsOptions
{
    public const string SectionName = "AgencyStubs";

    /// <summary>Folder holding <c>&lt;agency&gt;/mappings</c>; unset means locate <c>deploy/stubs</c> (see <see cref="AgencyStubsDirectory.Locate"/>).</summary>
    public string? MappingsRoot { get; set; }

    public string BindAddress { get; set; } = "127.0.0.1";

    public bool WatchMappings { get; set; } = true;

    /// <summary>Requests kept per agency for <c>/__admin/requests</c>; 0 or less keeps all.</summary>
    public int RequestLogLimit { get; set; } = 10_000;

    /// <summary>Per-agency settings keyed by agency name (<c>pnc</c>, <c>pnd</c>, <c>dvla</c>, <c>hmpo</c>).</summary>
    public Dictionary<string, AgencyEndpointOptions> Agencies { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AgencyEndpointOptions
{
    /// <summary>Port to listen on; unset means the agency's default (9101–9104); 0 picks a free port.</summary>
    public int? Port { get; set; }

    public bool Enabled { get; set; } = true;
}
