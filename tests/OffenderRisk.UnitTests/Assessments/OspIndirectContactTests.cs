using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using static OffenderRisk.UnitTests.Assessments.OspExamples;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS2: OSP/IIC is TOOLS.md's hierarchy; the first row that matches wins.</summary>
public sealed class OspIndirectContactTests
{
    public static TheoryData<string, int, int, int, int, RiskLevel, OspIicCondition> Rows() => new()
    {
        // case, contact adult, contact child, non-contact, images → band, row
        { "2 images", 0, 0, 0, 2, RiskLevel.VeryHigh, OspIicCondition.TwoOrMoreIndecentImageSanctions },
        { "2 images outrank 3 contact child", 0, 3, 0, 2, RiskLevel.VeryHigh, OspIicCondition.TwoOrMoreIndecentImageSanctions },
        { "1 image", 0, 0, 0, 1, RiskLevel.High, OspIicCondition.OneIndecentImageSanction },
        { "1 image outranks 2 contact child", 0, 2, 0, 1, RiskLevel.High, OspIicCondition.OneIndecentImageSanction },
        { "2 contact child", 0, 2, 0, 0, RiskLevel.Medium, OspIicCondition.TwoOrMoreContactChildSanctions },
        { "1 contact child", 1, 1, 1, 0, RiskLevel.Low, OspIicCondition.OneContactChildSanction },
        { "no sexual sanction", 0, 0, 0, 0, RiskLevel.Low, OspIicCondition.NoSexualSanctions },
        { "contact adult only: anything else", 2, 0, 0, 0, RiskLevel.Low, OspIicCondition.AnythingElse },
        { "non-contact only: anything else", 0, 0, 1, 0, RiskLevel.Low, OspIicCondition.AnythingElse },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void R_AS2_OSP_IIC_the_first_matching_row_of_the_hierarchy_gives_the_band(
        string row, int adult, int child, int nonContact, int images, RiskLevel band, OspIicCondition condition)
    {
        var sexual = adult + child + nonContact + images;
        var inputs = WorkedExample() with
        {
            ContactAdultSanctions = adult,
            ContactChildSanctions = child,
            NonContactSanctions = nonContact,
            IndecentImageSanctions = images,
            TotalSanctions = sexual + 1,
            LastSexualSanctionDate = sexual == 0 ? null : WorkedExample().LastSexualSanctionDate,
        };

        var score = OspIndirectContact.Score(inputs, "osp");

        Assert.True((band, condition) == (score.Band, score.Condition), row);
        Assert.Equal("OSP/IIC TOOLS.md-v1", score.ToolVersion);
    }
}
