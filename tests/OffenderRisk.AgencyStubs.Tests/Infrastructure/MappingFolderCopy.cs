namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>A private, disposable copy of one agency's mapping folder, for tests that edit files.</summary>
public sealed class MappingFolderCopy : IDisposable
{
    private readonly DirectoryInfo _directory;

    public MappingFolderCopy(string agency)
    {
        _directory = Directory.CreateTempSubdirectory($"agency-stub-{agency}-");
        foreach (var file in Directory.EnumerateFiles(StubsRoot.MappingsOf(agency), "*.json"))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(_directory.FullName, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path => _directory.FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Read(string name) => System.IO.File.ReadAllText(File(name));

    public void Dispose() => _directory.Delete(recursive: true);
}
