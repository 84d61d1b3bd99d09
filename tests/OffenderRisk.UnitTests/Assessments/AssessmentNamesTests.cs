using OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

public sealed class AssessmentNamesTests
{
    [Fact]
    public void A_name_round_trips_and_parses_to_the_canonical_lower_case_id()
    {
        const string id = "0193a5f0-0000-7000-8000-0000000000ab";

        Assert.Equal("assessments/" + id, AssessmentNames.Format(id));
        Assert.Equal(id, AssessmentNames.TryParse("assessments/" + id.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("assessments/")]
    [InlineData("assessments/123")]
    [InlineData("interventions/0193a5f0-0000-7000-8000-0000000000ab")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-0000000000ab/x")]
    public void Anything_but_an_assessment_name_is_not_parsed(string? name)
    {
        Assert.Null(AssessmentNames.TryParse(name));
    }
}
