namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>The real, checked-in mapping files: the tests exercise exactly what integration teams get.</summary>
public static class StubsRoot
{
    private static readonly Lazy<string> Root = new(() => AgencyStubsDirectory.Locate());

    public static string Path => Root.Value;

    public static string MappingsOf(string agency) => AgencyStubsDirectory.MappingsDirectory(Path, agency);

    public static string ReadmeOf(string agency) => System.IO.Path.Combine(Path, agency, "README.md");
}
