namespace OffenderRisk.AgencyStubs;

/// <summary>Finds the stubs root: the folder holding <c>&lt;agency&gt;/mappings/*.json</c> (in the repository, <c>deploy/stubs</c>).</summary>
public static class AgencyStubsDirectory
{
    /// <summary>Location of the stubs root relative to the repository root.</summary>
    public static readonly string RepositoryRelativePath = Path.Combine("deploy", "stubs");

    /// <summary>Name of the copy placed next to the binaries at build time.</summary>
    public const string OutputFolderName = "stubs";

    public static string MappingsDirectory(string stubsRoot, string agency) => Path.Combine(stubsRoot, agency, "mappings");

    /// <summary>
    /// Resolves the stubs root. An explicitly configured folder wins (relative paths are taken from the current
    /// directory). Otherwise the repository's <c>deploy/stubs</c> is searched upwards from the current directory and
    /// then from the application directory, so edits to the checked-in files are served live; the copy in the
    /// build output is the last resort.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Nothing suitable was found.</exception>
    public static string Locate(string? configuredRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredRoot))
        {
            var configured = Path.GetFullPath(configuredRoot);
            return IsStubsRoot(configured)
                ? configured
                : throw new DirectoryNotFoundException(
                    $"AgencyStubs:MappingsRoot is '{configured}', which has no <agency>/mappings folder ({string.Join(", ", AgencyNames.All)}).");
        }

        var searched = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RepositoryRelativePath);
                if (IsStubsRoot(candidate))
                {
                    return candidate;
                }
            }

            searched.Add(start);
        }

        var copied = Path.Combine(AppContext.BaseDirectory, OutputFolderName);
        if (IsStubsRoot(copied))
        {
            return copied;
        }

        throw new DirectoryNotFoundException(
            $"Could not find the agency stub mappings: no {RepositoryRelativePath} above {string.Join(" or ", searched)} and no '{copied}'. " +
            "Set AgencyStubs:MappingsRoot.");
    }

    public static bool IsStubsRoot(string directory) =>
        AgencyNames.All.Any(agency => Directory.Exists(MappingsDirectory(directory, agency)));
}
