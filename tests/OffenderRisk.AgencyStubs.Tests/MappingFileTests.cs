using System.Text.Json;
using System.Text.RegularExpressions;
using OffenderRisk.AgencyStubs.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.AgencyStubs.Tests;

/// <summary>Keeps the hand-edited mapping files well-formed and in step with their READMEs.</summary>
public sealed partial class MappingFileTests(AllAgenciesFixture stubs) : IClassFixture<AllAgenciesFixture>
{
    public static TheoryData<string> Agencies => [.. AgencyNames.All];

    private static IEnumerable<(string File, JsonElement Mapping)> MappingsOf(string agency)
    {
        foreach (var file in Directory.EnumerateFiles(StubsRoot.MappingsOf(agency), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement.Clone();
            var mappings = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            foreach (var mapping in mappings)
            {
                yield return (Path.GetFileName(file), mapping);
            }
        }
    }

    [Fact]
    public void Tests_use_the_checked_in_mapping_files()
    {
        Assert.Equal(Path.Combine("deploy", "stubs"), Path.Combine(Path.GetFileName(Path.GetDirectoryName(StubsRoot.Path))!, Path.GetFileName(StubsRoot.Path)));
    }

    [Fact]
    public void Every_mapping_has_a_guid_unique_across_all_agencies_and_a_title()
    {
        var all = AgencyNames.All.SelectMany(agency => MappingsOf(agency).Select(m => (agency, m.File, m.Mapping))).ToList();

        Assert.All(all, m => Assert.False(string.IsNullOrWhiteSpace(m.Mapping.GetProperty("Title").GetString()), $"{m.agency}/{m.File}: Title missing"));
        Assert.All(all, m => Assert.True(m.Mapping.TryGetProperty("Priority", out _), $"{m.agency}/{m.File}: Priority missing"));
        var guids = all.Select(m => Guid.Parse(m.Mapping.GetProperty("Guid").GetString()!)).ToList();
        Assert.Equal(guids.Count, guids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Every_mapping_file_is_loaded_by_the_stub(string agency)
    {
        // WireMock.Net skips a file it cannot read; the counts would then differ.
        Assert.Equal(MappingsOf(agency).Count(), stubs.Stubs[agency].MappingCount);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Every_templated_response_enables_the_transformer(string agency)
    {
        foreach (var (file, mapping) in MappingsOf(agency))
        {
            var response = mapping.GetProperty("Response");
            if (response.GetRawText().Contains("{{", StringComparison.Ordinal))
            {
                Assert.True(response.TryGetProperty("UseTransformer", out var transformer) && transformer.GetBoolean(), $"{agency}/{file}: '{mapping.GetProperty("Title")}' uses {{{{…}}}} without UseTransformer");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Every_scenario_and_selector_in_the_mappings_is_documented_in_the_agency_readme(string agency)
    {
        var readme = File.ReadAllText(StubsRoot.ReadmeOf(agency));
        var mappings = MappingsOf(agency).Select(m => m.Mapping).ToList();

        var scenarios = mappings.Where(m => m.TryGetProperty("Scenario", out _)).Select(m => m.GetProperty("Scenario").GetString()!).Distinct();
        Assert.All(scenarios, scenario => Assert.Contains($"`{scenario}`", readme, StringComparison.Ordinal));

        // Exact selector values: string values of JsonPartialMatcher patterns that are not regular expressions.
        var selectors = mappings
            .Select(m => m.GetProperty("Request"))
            .Where(r => r.TryGetProperty("Body", out var body) && !body.GetProperty("Matcher").TryGetProperty("Regex", out _))
            .SelectMany(r => StringLeaves(r.GetProperty("Body").GetProperty("Matcher").GetProperty("Pattern")))
            .Distinct();
        Assert.All(selectors, selector => Assert.Contains($"`{selector}`", readme, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Mapping_files_name_no_host_other_than_loopback(string agency)
    {
        foreach (var file in Directory.EnumerateFiles(StubsRoot.MappingsOf(agency), "*.json"))
        {
            var hosts = UrlHost().Matches(File.ReadAllText(file)).Select(m => m.Groups["host"].Value);
            Assert.All(hosts, host => Assert.Contains(host, new[] { "127.0.0.1", "localhost" }));
        }
    }

    private static IEnumerable<string> StringLeaves(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringLeaves(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringLeaves),
        _ => [],
    };

    [GeneratedRegex(@"https?://(?<host>[^/:""\s]+)")]
    private static partial Regex UrlHost();
}
