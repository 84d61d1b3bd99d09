using WireMock.Handlers;

namespace OffenderRisk.AgencyStubs;

/// <summary>
/// Points WireMock.Net's "static mappings" folder at an agency's <c>mappings</c> directory instead of the
/// default <c>__admin/mappings</c>, so start-up loading, file watching, <c>POST /__admin/mappings/reloadStaticMappings</c>
/// and <c>POST /__admin/mappings/reset?reloadStaticMappings=true</c> all use the same files.
/// </summary>
internal sealed class AgencyMappingsFileSystemHandler : LocalFileSystemHandler
{
    private readonly string _mappingsDirectory;

    public AgencyMappingsFileSystemHandler(string mappingsDirectory)
        : base(mappingsDirectory)
    {
        _mappingsDirectory = mappingsDirectory;
    }

    public override string GetMappingFolder() => _mappingsDirectory;
}
