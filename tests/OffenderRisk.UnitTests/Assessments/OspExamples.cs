using OffenderRisk.Assessments.Domain.Tools;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>Synthetic OSP inputs: TOOLS.md's worked example, and ages chosen on given dates.</summary>
internal static class OspExamples
{
    public static readonly DateOnly FollowUp = new(2026, 6, 1);

    /// <summary>Born so as to be exactly <paramref name="years"/> old (just past a birthday) on <paramref name="day"/>.</summary>
    public static DateOnly BornAged(int years, DateOnly day) => day.AddYears(-years).AddDays(-1);

    /// <summary>
    /// TOOLS.md's worked example: 40 at follow-up, one contact adult sanction, no child or
    /// non-contact sanctions, last sexual sanction at 38, three sanctions in all, stranger victim unknown.
    /// </summary>
    public static OspInputs WorkedExample()
    {
        var born = BornAged(40, FollowUp);
        return new OspInputs(
            DateOfBirth: born,
            Gender: Gender.Male,
            FollowUpStartDate: FollowUp,
            ContactAdultSanctions: 1,
            ContactChildSanctions: 0,
            NonContactSanctions: 0,
            IndecentImageSanctions: 0,
            TotalSanctions: 3,
            LastSexualSanctionDate: born.AddYears(38).AddDays(10),
            StrangerVictim: StrangerVictim.Unknown);
    }

    /// <summary>The worked example's history (or <paramref name="history"/>) for a man <paramref name="ageAtFollowUp"/> old at follow-up, his last sexual sanction at 18.</summary>
    public static OspInputs AgedAtFollowUp(int ageAtFollowUp, OspInputs? history = null)
    {
        var born = BornAged(ageAtFollowUp, FollowUp);
        return (history ?? WorkedExample()) with { DateOfBirth = born, LastSexualSanctionDate = born.AddYears(18) };
    }

    /// <summary>No sexual sanction at all: four sanctions of other kinds.</summary>
    public static OspInputs NoSexualSanction() => WorkedExample() with
    {
        ContactAdultSanctions = 0,
        TotalSanctions = 4,
        LastSexualSanctionDate = null,
    };
}
