using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.OspExamples;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>
/// R-AS2 (TOOLS.md): missing or inconsistent OSP inputs are refused with INVALID_ARGUMENT naming
/// the field, never defaulted; each case changes one input of the valid worked example.
/// </summary>
public sealed class OspInputsValidationTests
{
    private const string Prefix = "assessment.osp_inputs";

    public static TheoryData<string, OspInputs, string> Refusals()
    {
        var valid = WorkedExample();
        var born = valid.DateOfBirth!.Value;
        var last = valid.LastSexualSanctionDate!.Value;
        return new()
        {
            { "missing date of birth", valid with { DateOfBirth = null }, "date_of_birth" },
            { "missing follow-up date", valid with { FollowUpStartDate = null }, "follow_up_start_date" },
            { "gender not given", valid with { Gender = Gender.Unspecified }, "gender" },
            { "gender off the list", valid with { Gender = (Gender)9 }, "gender" },
            { "stranger victim not given", valid with { StrangerVictim = StrangerVictim.Unspecified }, "stranger_victim" },
            { "negative contact adult", valid with { ContactAdultSanctions = -1 }, "contact_adult_sanctions" },
            { "negative contact child", valid with { ContactChildSanctions = -1 }, "contact_child_sanctions" },
            { "negative non-contact", valid with { NonContactSanctions = -1 }, "non_contact_sanctions" },
            { "negative images", valid with { IndecentImageSanctions = -1 }, "indecent_image_sanctions" },
            { "negative total", valid with { TotalSanctions = -1 }, "total_sanctions" },
            { "501 contact adult", valid with { ContactAdultSanctions = 501, TotalSanctions = 500 }, "contact_adult_sanctions" },
            { "501 in all", valid with { TotalSanctions = 501 }, "total_sanctions" },
            { "total less than the sexual sanctions", valid with { ContactChildSanctions = 3, TotalSanctions = 3 }, "total_sanctions" },
            { "a sexual sanction without its date", valid with { LastSexualSanctionDate = null }, "last_sexual_sanction_date" },
            { "a date without any sexual sanction", NoSexualSanction() with { LastSexualSanctionDate = last }, "last_sexual_sanction_date" },
            { "born after the last sanction", valid with { DateOfBirth = last.AddDays(1) }, "date_of_birth" },
            { "born after the follow-up date, no sexual sanction", NoSexualSanction() with { DateOfBirth = FollowUp.AddDays(1) }, "date_of_birth" },
            { "follow-up before the last sanction", valid with { FollowUpStartDate = last.AddDays(-1) }, "follow_up_start_date" },
            { "under 10 at the last sanction", valid with { LastSexualSanctionDate = born.AddYears(10).AddDays(-1) }, "last_sexual_sanction_date" },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void R_AS2_inconsistent_or_missing_inputs_are_refused_naming_the_field(string @case, OspInputs inputs, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => inputs.Validate(Prefix));

        var problem = Assert.Single(e.Problems);
        Assert.True($"{Prefix}.{field}" == problem.Field, $"{@case}: {problem.Field}");
        Assert.Equal("R-AS2", problem.RuleId);
    }

    [Fact]
    public void R_AS2_every_problem_is_reported_at_once()
    {
        var inputs = WorkedExample() with { DateOfBirth = null, NonContactSanctions = -2, StrangerVictim = StrangerVictim.Unspecified };

        var e = Assert.Throws<ValidationFailedException>(() => inputs.Validate("osp"));

        Assert.Equal(["osp.date_of_birth", "osp.stranger_victim", "osp.non_contact_sanctions"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_AS2_the_worked_example_and_the_boundaries_of_the_dates_are_valid()
    {
        var valid = WorkedExample();
        var born = valid.DateOfBirth!.Value;

        valid.Validate(Prefix);
        (valid with { LastSexualSanctionDate = born.AddYears(10), FollowUpStartDate = born.AddYears(10) }).Validate(Prefix);
        (valid with { ContactAdultSanctions = 500, TotalSanctions = 500 }).Validate(Prefix);
        NoSexualSanction().Validate(Prefix);
    }
}
