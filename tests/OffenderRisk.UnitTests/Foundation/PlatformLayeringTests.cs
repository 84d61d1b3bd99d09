using System.Text.RegularExpressions;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The platform's folders depend one way, so none can grow a cycle with another:
/// Time &lt;- Errors &lt;- Naming &lt;- Storage &lt;- Audit &lt;- Calls &lt;- Records &lt;- Nominals &lt;- Feeds &lt;- Endpoints.
/// </summary>
public sealed partial class PlatformLayeringTests
{
    private static readonly string[] Layers = ["Time", "Errors", "Naming", "Storage", "Audit", "Calls", "Records", "Nominals", "Feeds", "Endpoints"];

    public static TheoryData<string> Folders() => [.. Layers];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_platform_folder_uses_only_the_folders_below_it(string folder)
    {
        var rank = Array.IndexOf(Layers, folder);
        var root = Path.Combine(RepositoryRoot(), "services", "Platform", folder);
        var used = Directory.EnumerateFiles(root, "*.cs")
            .SelectMany(File.ReadLines)
            .Select(line => PlatformUsing().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["folder"].Value)
            .Distinct()
            .ToList();

        Assert.All(used, other => Assert.True(Array.IndexOf(Layers, other) is var r && r >= 0 && r < rank,
            $"Platform/{folder} uses Platform/{other}, which is not below it"));
    }

    [Theory]
    [InlineData("IdentityChecks")]
    [InlineData("Nominals")]
    [InlineData("Assessments")]
    [InlineData("Interventions")]
    public void No_two_folders_of_a_service_use_each_other(string service)
    {
        var root = Path.Combine(RepositoryRoot(), "services", service);
        var prefix = $"OffenderRisk.{service}.";
        var folders = Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj" or "Properties"))
            .ToDictionary(f => f!, f => Directory.EnumerateFiles(Path.Combine(root, f!), "*.cs", SearchOption.AllDirectories)
                .SelectMany(File.ReadLines)
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("using " + prefix, StringComparison.Ordinal))
                .Select(line => line["using ".Length..].TrimEnd(';')[prefix.Length..].Split('.')[0])
                .ToHashSet());

        var mutual = folders.SelectMany(a => a.Value.Where(b => b != a.Key && folders.TryGetValue(b, out var usedByB) && usedByB.Contains(a.Key))
            .Select(b => $"{a.Key} <-> {b}")).ToList();

        Assert.Empty(mutual);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OffenderRisk.Services.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (OffenderRisk.Services.sln) was not found above the test binaries.");
    }

    [GeneratedRegex(@"^\s*using\s+(?:\w+\s*=\s*)?OffenderRisk\.Platform\.(?<folder>[A-Za-z]+)[.;]")]
    private static partial Regex PlatformUsing();
}
