using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>An outgoing call's span keeps no record id: the gateway forwards JSON calls whose paths
/// name records, and only their collection reaches the trace.</summary>
public sealed class RedactedUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5101/v1/nominals/0f3c2a9e-demo", "http://127.0.0.1:5101/v1/nominals/*")]
    [InlineData("http://127.0.0.1:5101/v1/nominals/0f3c2a9e-demo:assignOfficer", "http://127.0.0.1:5101/v1/nominals/*")]
    [InlineData("http://127.0.0.1:5101/v1/nominals/0f3c2a9e-demo/victims/v-1?x=y", "http://127.0.0.1:5101/v1/nominals/*")]
    [InlineData("http://127.0.0.1:5101/v1/nominals:search", "http://127.0.0.1:5101/v1/nominals/*")]
    [InlineData("http://127.0.0.1:5101/offenderrisk.nominals.v1.NominalsService/GetNominal", "http://127.0.0.1:5101/offenderrisk.nominals.v1.NominalsService/GetNominal")]
    [InlineData("http://127.0.0.1:9101/pnc/v1/enquiries?pnc=99/1A", "http://127.0.0.1:9101/pnc/v1/enquiries")]
    public void A_forwarded_json_path_keeps_its_collection_and_never_the_record_or_the_query(string url, string expected) =>
        Assert.Equal(expected, Extensions.RedactedUrl(new Uri(url)));
}
