using OffenderRisk.Assessments.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Assessments;

public sealed class AssessmentNamesTests
{
    [Fact]
    public void A_name_round_trips_and_parses_to_the_canonical_lower_case_id()
    {
        const string id = "0193a5f0-0000-7000-8000-0000000000ab";

        Assert.Equal("assessments/" + id, AssessmentNames.Format(id));
        Assert.Equal(id, AssessmentNames.Parse("assessments/" + id.ToUpperInvariant(), "name").Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("assessments/")]
    [InlineData("assessments/123")]
    [InlineData("interventions/0193a5f0-0000-7000-8000-0000000000ab")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-0000000000ab/x")]
    public void Anything_but_an_assessment_name_is_refused_naming_the_field(string? name)
    {
        var e = Assert.Throws<ValidationFailedException>(() => AssessmentNames.Parse(name, "name"));
        Assert.Equal("name", Assert.Single(e.Problems).Field);
    }
}
