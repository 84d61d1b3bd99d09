using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.UnitTests.Foundation;

public sealed class StorageHelperTests
{
    [Theory]
    [InlineData("\"3\"", 3L)]
    [InlineData("W/\"12\"", 12L)]
    [InlineData("", null)]
    [InlineData("\"abc\"", null)]
    [InlineData("\"-1\"", null)]
    public void Etag_parses_versions_and_rejects_anything_else(string etag, long? expected)
    {
        Assert.Equal(expected, Etag.Parse(etag));
    }

    [Fact]
    public void Etag_round_trips()
    {
        Assert.Equal(42L, Etag.Parse(Etag.From(42)));
    }

    [Fact]
    public void Page_token_round_trips_within_the_same_query()
    {
        var token = PageToken.Encode("key-9", "nominals:XA");
        Assert.Equal("key-9", PageToken.Decode(token, "nominals:XA"));
        Assert.Null(PageToken.Decode("", "nominals:XA"));
    }

    [Theory]
    [InlineData("nominals:XB")]
    [InlineData("audit:")]
    public void Page_token_from_another_query_is_invalid(string otherQuery)
    {
        var token = PageToken.Encode("key-9", "nominals:XA");
        var e = Assert.Throws<ValidationFailedException>(() => PageToken.Decode(token, otherQuery));
        Assert.Equal("page_token", e.Problems.Single().Field);
    }

    [Fact]
    public void Page_token_garbage_is_invalid()
    {
        Assert.Throws<ValidationFailedException>(() => PageToken.Decode("%%%not-base64", "q"));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(10, 10)]
    [InlineData(1000, 200)]
    public void Page_size_defaults_and_clamps(int requested, int expected)
    {
        Assert.Equal(expected, PageToken.Size(requested, 50, 200));
    }

    [Fact]
    public void Page_size_negative_is_invalid()
    {
        Assert.Throws<ValidationFailedException>(() => PageToken.Size(-1, 50, 200));
    }

    [Fact]
    public void Migrations_pick_the_backend_specific_variant_and_order_by_version()
    {
        var platform = SchemaMigrator.Discover(typeof(Database).Assembly, "platform", StorageProvider.Sqlite);
        Assert.Equal(platform.Select(m => m.Version).Order(), platform.Select(m => m.Version));
        Assert.Contains(platform, m => m.Sql.Contains("audit_log", StringComparison.Ordinal));
    }
}
